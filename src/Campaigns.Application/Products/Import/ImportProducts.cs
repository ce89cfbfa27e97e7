
using Campaigns.Application.Common;
using Campaigns.Application.Imports;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Products;
using Mediator;
namespace Campaigns.Application.Products.Import;

/// <summary>Create many products at once (<c>POST /v1/products/import</c>): all of them or none.</summary>
public sealed record ImportProducts(string AgencyId, ImportFormat Format, IReadOnlyList<ImportRow<CreateProduct>> Rows)
    : ImportCommand<CreateProduct>(AgencyId, Format, Rows);

public sealed class ImportProductsHandler(IGrainFactory grains, TimeProvider clock) : ICommandHandler<ImportProducts, Outcome<ImportResult>>
{
    public async ValueTask<Outcome<ImportResult>> Handle(ImportProducts command, CancellationToken cancellationToken)
    {
        var ids = command.NewIds(ProductLookup.Prefix, clock);
        var items = command.Rows.Select((row, i) => new ProductImportItem(ids[i], ProductDrafts.From(row.Request!))).ToList();

        var outcome = await grains.GetGrain<IProductImportGrain>(IProductImportGrain.KeyFor(command.AgencyId)).Import(items);
        return outcome.Map(imported => new ImportResult(imported, ids));
    }
}
