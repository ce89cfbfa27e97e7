namespace Campaigns.Storage.Products;

/// <summary>One product in the query-side table.</summary>
public sealed record ProductRow(
    string AgencyId, string Id, string SkuKey, long Version, long CreatedAt, long UpdatedAt, string Document, IReadOnlyCollection<string> Tags);
