namespace Campaigns.Grains.Abstractions.Products;

/// <summary>A validated request to create a product (tags and keywords normalised).</summary>
[GenerateSerializer, Immutable]
public sealed record ProductDraft(
    [property: Id(0)] string Sku,
    [property: Id(1)] string Title,
    [property: Id(2)] Money Price,
    [property: Id(3)] List<string> Tags,
    [property: Id(4)] List<string> HotKeywords,
    [property: Id(5)] string? ShopUrl);
