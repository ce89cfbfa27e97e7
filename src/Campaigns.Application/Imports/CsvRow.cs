using System.Globalization;

namespace Campaigns.Application.Imports;

/// <summary>
/// The cells of one CSV data row by column name (an empty cell reads as null), with typed readers that note a cell
/// that does not parse as a problem of its column and read it as absent.
/// </summary>
public sealed class CsvRow(IReadOnlyDictionary<string, string?> cells)
{
    private readonly Dictionary<string, string> _problems = new(StringComparer.Ordinal);

    /// <summary>Cells that did not parse, by column.</summary>
    public IReadOnlyDictionary<string, string> Problems => _problems;

    /// <summary>The cell as written, or null when empty or absent.</summary>
    public string? Text(string column) => cells.GetValueOrDefault(column);

    /// <summary>True when any of the columns has a value.</summary>
    public bool AnyOf(params string[] columns) => columns.Any(c => Text(c) is not null);

    public long? Long(string column) =>
        Parse(column, "Must be a whole number.", (string s, out long v) => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out v));

    public int? Int(string column) => Long(column) is { } value ? (int)Math.Clamp(value, int.MinValue, int.MaxValue) : null;

    public decimal? Decimal(string column) =>
        Parse(column, "Must be a number such as 199.5.", (string s, out decimal v) => decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out v));

    /// <summary><c>a;b;c</c> → a list (blank items dropped); null when the cell is empty.</summary>
    public List<string>? List(string column) =>
        Text(column)?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>Notes a problem with a column's cell.</summary>
    public void Problem(string column, string message) => _problems[column] = message;

    private delegate bool TryParse<T>(string text, out T value);

    private T? Parse<T>(string column, string problem, TryParse<T> tryParse) where T : struct
    {
        if (Text(column) is not { } text) return null;
        if (tryParse(text.Trim(), out var value)) return value;
        Problem(column, problem);
        return null;
    }
}
