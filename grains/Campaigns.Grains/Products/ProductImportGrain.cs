
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Products;
using Campaigns.Grains.Common;
using Campaigns.Storage.Products;
using Microsoft.Extensions.Logging;
namespace Campaigns.Grains.Products;

/// <summary>
/// Writes a validated product import straight into the read model in one transaction (see <see cref="ImportWrite"/>);
/// each <see cref="ProductGrain"/> adopts its row when first activated.
/// </summary>
public sealed class ProductImportGrain(ProductStore readModel, TimeProvider clock, ILogger<ProductImportGrain> logger)
    : Grain, IProductImportGrain
{
    public Task<Outcome<int>> Import(IReadOnlyList<ProductImportItem> items)
    {
        var agencyId = GrainKeys.Split(this.GetPrimaryKeyString()).AgencyId;
        var now = clock.GetUtcNow();
        var rows = items.Select(item => ProductRows.From(ProductRows.New(agencyId, item.Id, item.Draft, now))).ToList();
        return ImportWrite.RunAsync(agencyId, "products", rows.Count, () => readModel.ImportAsync(rows),
            "A SKU in the file was taken while it was being imported; nothing was imported.", clock, logger);
    }
}
