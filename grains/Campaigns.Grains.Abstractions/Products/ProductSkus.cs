namespace Campaigns.Grains.Abstractions.Products;

/// <summary>How SKUs are compared.</summary>
public static class ProductSkus
{
    /// <summary>SKUs are unique regardless of case: "AB-1" and "ab-1" are the same article.</summary>
    public static string Key(string sku) => sku.Trim().ToUpperInvariant();
}
