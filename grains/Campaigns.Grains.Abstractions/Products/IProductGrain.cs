using Campaigns.Grains.Abstractions.Common;

namespace Campaigns.Grains.Abstractions.Products;

/// <summary>One product of an agency, keyed <c>{agencyId}/{productId}</c>.</summary>
public interface IProductGrain : IGrainWithStringKey
{
    /// <summary>Creates the product; its SKU must be free within the agency.</summary>
    Task<Outcome<ProductSnapshot>> Create(ProductDraft draft);

    /// <summary>The product, or null when it does not exist.</summary>
    Task<ProductSnapshot?> Get();
}
