using Campaigns.Grains.Abstractions.Catalogue;

namespace Campaigns.Grains.Catalogue;

/// <summary>The persisted state of a product grain.</summary>
[GenerateSerializer]
public sealed class ProductState
{
    /// <summary>The product as last written; null until created.</summary>
    [Id(0)] public ProductSnapshot? Product { get; set; }
}
