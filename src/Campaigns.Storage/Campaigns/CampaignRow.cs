namespace Campaigns.Storage.Campaigns;

/// <summary>One campaign in the query-side table.</summary>
public sealed record CampaignRow(
    string AgencyId, string Id, string? Brand, string Status, long Version, long CreatedAt, long UpdatedAt, string Document);
