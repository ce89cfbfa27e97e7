using Campaigns.Grains.Abstractions.Common;

namespace Campaigns.Grains.Abstractions.Products;

/// <summary>
/// Bulk product creation for one agency, keyed <c>{agencyId}/product-import</c> so an agency's imports run one at a
/// time. It writes the read model in one transaction; each product grain adopts its row on first activation.
/// </summary>
public interface IProductImportGrain : IGrainWithStringKey
{
    /// <summary>The grain key of an agency's product importer.</summary>
    public static string KeyFor(string agencyId) => GrainKeys.For(agencyId, "product-import");

    /// <summary>Creates every product or none: a SKU taken meanwhile is a conflict and nothing is written.</summary>
    Task<Outcome<int>> Import(IReadOnlyList<ProductImportItem> items);
}
