using Campaigns.Grains.Abstractions.Products;

namespace Campaigns.Grains.Products;

/// <summary>The persisted state of a product grain.</summary>
[GenerateSerializer]
public sealed class ProductState
{
    /// <summary>The product as last written; null until created.</summary>
    [Id(0)] public ProductSnapshot? Product { get; set; }
}
