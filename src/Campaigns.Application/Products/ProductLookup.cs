using Campaigns.Application.Common;
using Campaigns.Grains.Abstractions.Products;

namespace Campaigns.Application.Products;

/// <summary>Finds an agency's product grain from a client-supplied id.</summary>
public static class ProductLookup
{
    public const string Prefix = "prd";

    public static IProductGrain? Grain(IGrainFactory grains, string agencyId, string productId) =>
        EntityLookup.Grain<IProductGrain>(grains, agencyId, productId, Prefix);
}
