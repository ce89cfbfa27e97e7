namespace Campaigns.Storage.Products;

/// <summary>A filtered page of products or videos.</summary>
public sealed record CatalogueQuery(string AgencyId, string? Tag, string? ProductId, string? Type, string? After, int Limit);
