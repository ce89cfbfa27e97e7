namespace Campaigns.Storage.Videos;

/// <summary>One video in the query-side table.</summary>
public sealed record VideoRow(
    string AgencyId, string Id, string Type, long Version, long CreatedAt, long UpdatedAt, string Document,
    IReadOnlyCollection<string> Tags, IReadOnlyCollection<string> ProductIds);
