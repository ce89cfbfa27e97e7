namespace Campaigns.Grains.Abstractions.Products;

/// <summary>A product as it is now.</summary>
[GenerateSerializer, Immutable]
public sealed record ProductSnapshot(
    [property: Id(0)] string Id,
    [property: Id(1)] string AgencyId,
    [property: Id(2)] string Sku,
    [property: Id(3)] string Title,
    [property: Id(4)] Money Price,
    [property: Id(5)] List<string> Tags,
    [property: Id(6)] List<string> HotKeywords,
    [property: Id(7)] string? ShopUrl,
    [property: Id(8)] ProductStats Stats,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] DateTimeOffset UpdatedAt,
    [property: Id(11)] long Version);
