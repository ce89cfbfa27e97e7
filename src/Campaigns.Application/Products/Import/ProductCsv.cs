using Campaigns.Application.Imports;

namespace Campaigns.Application.Products.Import;

/// <summary>
/// The CSV form of a product (see <see cref="CsvFile"/>): the price is split into <c>priceAmount</c> and
/// <c>priceCurrency</c>; tags and hot keywords are <c>a;b;c</c>.
/// </summary>
public static class ProductCsv
{
    /// <summary>CSV column → the JSON path the create validator names, so errors point at the column.</summary>
    private static readonly Dictionary<string, string> ColumnOfPath = new(StringComparer.Ordinal)
    {
        ["price"] = "priceAmount",
        ["price.amount"] = "priceAmount",
        ["price.currency"] = "priceCurrency",
    };

    /// <summary>Every column a file may have.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["sku", "title", "priceAmount", "priceCurrency", "tags", "hotKeywords", "shopUrl"];

    /// <summary>The column a validation error on a JSON path belongs to.</summary>
    public static string ColumnFor(string path) => ColumnOfPath.GetValueOrDefault(path, path);

    /// <summary>Reads the file; a header that names unknown or repeated columns is a 400 on <c>header</c>.</summary>
    public static Task<IReadOnlyList<ImportRow<CreateProduct>>> ReadAsync(TextReader body, int maxRows, CancellationToken cancellationToken) =>
        CsvFile.ReadAsync(body, Columns, ReadRow, maxRows, cancellationToken);

    private static CreateProduct ReadRow(CsvRow row) => new(
        row.Text("sku"),
        row.Text("title"),
        row.AnyOf("priceAmount", "priceCurrency") ? new MoneyInput(row.Decimal("priceAmount"), row.Text("priceCurrency")?.Trim()) : null,
        row.List("tags"),
        row.List("hotKeywords"),
        row.Text("shopUrl"));
}
