using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Products;
using Campaigns.Storage.Products;

namespace Campaigns.Grains.Products;

/// <summary>A new product and its read-model row, shared by the product grain and the importer.</summary>
public static class ProductRows
{
    /// <summary>A new product's first snapshot (version 1, no sales yet), as creation and import both make it.</summary>
    public static ProductSnapshot New(string agencyId, string id, ProductDraft draft, DateTimeOffset now) => new(
        id, agencyId, draft.Sku, draft.Title, draft.Price, draft.Tags, draft.HotKeywords, draft.ShopUrl,
        ProductStats.Empty, now, now, Version: 1);

    public static ProductRow From(ProductSnapshot product) => new(
        product.AgencyId, product.Id, ProductSkus.Key(product.Sku), product.Version, product.CreatedAt.ToUnixTimeMilliseconds(),
        product.UpdatedAt.ToUnixTimeMilliseconds(), Documents.Serialize(product), product.Tags);
}
