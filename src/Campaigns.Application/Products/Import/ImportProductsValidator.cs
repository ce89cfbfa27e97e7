using System.Diagnostics.CodeAnalysis;
using Campaigns.Application.Imports;
using Campaigns.Grains.Abstractions.Products;
using Campaigns.Storage.Products;

namespace Campaigns.Application.Products.Import;

/// <summary>A product import's rows: the create rules, and SKUs unique (regardless of case) within the file and the agency.</summary>
public sealed class ImportProductsValidator(ProductStore products)
    : ImportValidator<ImportProducts, CreateProduct, string>(new CreateProductValidator())
{
    protected override string KeyField => "sku";

    protected override bool TryKeyOf(CreateProduct product, [MaybeNullWhen(false)] out string key)
    {
        key = string.IsNullOrWhiteSpace(product.Sku) ? null : ProductSkus.Key(product.Sku);
        return key is not null;
    }

    protected override Task<IReadOnlySet<string>> TakenAsync(string agencyId, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        products.ExistingSkuKeysAsync(agencyId, keys, cancellationToken);

    protected override string RepeatedMessage(int firstRow) => $"Repeats the SKU of row {firstRow} (SKUs are compared regardless of case).";

    protected override string TakenMessage(string key) => $"'{key}' is already used by a product of this agency.";

    protected override string ColumnFor(string path) => ProductCsv.ColumnFor(path);
}
