using System.Globalization;
using System.Text;
using Campaigns.Application.Common;

namespace Campaigns.Application.Accounts.Import;

/// <summary>
/// Reads <c>text/csv</c> (RFC 4180: quoted cells may hold commas, quotes doubled, line breaks): a header row of
/// field names in any order and case, then one account per row. An empty cell is an absent field. Audience tags are
/// <c>beauty:0.9;skincare:0.6</c>; caps and connector are flattened into their own columns. Blank lines are skipped
/// and not numbered.
/// </summary>
public static class AccountCsv
{
    public const string MediaType = "text/csv";

    /// <summary>CSV column → the JSON path the create validator names, so errors point at the column.</summary>
    private static readonly Dictionary<string, string> ColumnOfPath = new(StringComparer.Ordinal)
    {
        ["caps.maxPostsPerDay"] = "maxPostsPerDay",
        ["caps.minGapMinutes"] = "minGapMinutes",
        ["caps.quietHours.from"] = "quietFrom",
        ["caps.quietHours.to"] = "quietTo",
        ["caps.quietHours"] = "quietFrom",
        ["connector.type"] = "connectorType",
        ["connector.url"] = "connectorUrl",
        ["connector.secret"] = "connectorSecret",
    };

    /// <summary>Every column a file may have.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "platform", "handle", "displayName", "brand", "kind", "persona", "audienceTags", "timeZone", "followers",
        "maxPostsPerDay", "minGapMinutes", "quietFrom", "quietTo", "connectorType", "connectorUrl", "connectorSecret",
    ];

    /// <summary>The column a validation error on a JSON path belongs to.</summary>
    public static string ColumnFor(string path) => ColumnOfPath.GetValueOrDefault(path, path);

    /// <summary>Reads the file; a header that names unknown or repeated columns is a 400 on <c>header</c>.</summary>
    public static IReadOnlyList<ImportRow> Read(string text)
    {
        using var records = Records(text).Where(r => !(r.Count == 1 && r[0].Length == 0)).GetEnumerator();
        if (!records.MoveNext())
        {
            return [];
        }
        var header = ReadHeader(records.Current);
        var rows = new List<ImportRow>();
        while (records.MoveNext())
        {
            var number = rows.Count + 1;
            var cells = records.Current;
            rows.Add(cells.Count == header.Length
                ? ReadRow(number, header.Zip(cells).ToDictionary(p => p.First, p => p.Second.Length == 0 ? null : p.Second, StringComparer.Ordinal))
                : ImportRow.Unreadable(number, "", $"Has {cells.Count} cells; the header has {header.Length}."));
        }
        return rows;
    }

    private static string[] ReadHeader(List<string> cells)
    {
        var header = new string[cells.Count];
        for (var i = 0; i < cells.Count; i++)
        {
            var name = cells[i].Trim();
            header[i] = Columns.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase))
                ?? throw RequestValidationException.For("header", $"Unknown column '{name}'. Columns are: {string.Join(", ", Columns)}.");
            if (Array.IndexOf(header, header[i], 0, i) >= 0)
            {
                throw RequestValidationException.For("header", $"Column '{header[i]}' appears twice.");
            }
        }
        return header;
    }

    private static ImportRow ReadRow(int number, Dictionary<string, string?> cell)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Text(string column) => cell.GetValueOrDefault(column);
        long? Long(string column)
        {
            if (Text(column) is not { } value) return null;
            if (long.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)) return number;
            problems[column] = "Must be a whole number.";
            return null;
        }
        int? Int(string column) => Long(column) is { } value ? (int)Math.Clamp(value, int.MinValue, int.MaxValue) : null;

        var caps = new[] { "maxPostsPerDay", "minGapMinutes", "quietFrom", "quietTo" }.Any(c => Text(c) is not null)
            ? new CapsInput(Int("maxPostsPerDay"), Int("minGapMinutes"),
                Text("quietFrom") is not null || Text("quietTo") is not null ? new QuietHoursInput(Text("quietFrom"), Text("quietTo")) : null)
            : null;
        var connector = new[] { "connectorType", "connectorUrl", "connectorSecret" }.Any(c => Text(c) is not null)
            ? new ConnectorInput(Text("connectorType"), Text("connectorUrl"), Text("connectorSecret"))
            : null;
        var account = new CreateAccount(
            Text("platform"), Text("handle"), Text("displayName"), Text("brand"), Text("kind"), Text("persona"),
            Tags(Text("audienceTags"), problems), Text("timeZone"), Long("followers"), caps, connector);
        // A cell that did not parse is left out of the request, which is still validated, so every error is listed.
        return new ImportRow(number, account, problems);
    }

    /// <summary><c>beauty:0.9;skincare:0.6</c> → a weighted tag map.</summary>
    private static Dictionary<string, double>? Tags(string? text, Dictionary<string, string> problems)
    {
        if (text is null)
        {
            return null;
        }
        var tags = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = pair.LastIndexOf(':');
            if (colon <= 0 || !double.TryParse(pair[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight))
            {
                problems["audienceTags"] = "Must be tag:weight pairs separated by ';', such as beauty:0.9;skincare:0.6.";
                return null;
            }
            tags[pair[..colon]] = weight;
        }
        return tags;
    }

    /// <summary>Splits the text into records of cells.</summary>
    private static IEnumerable<List<string>> Records(string text)
    {
        var i = 0;
        var cell = new StringBuilder();
        while (i < text.Length)
        {
            var cells = new List<string>();
            var quoted = false;
            cell.Clear();
            while (i < text.Length)
            {
                var c = text[i++];
                if (quoted)
                {
                    if (c != '"') cell.Append(c);
                    else if (i < text.Length && text[i] == '"') { cell.Append('"'); i++; }
                    else quoted = false;
                }
                else if (c == '"' && cell.Length == 0) quoted = true;
                else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
                else if (c is '\r' or '\n')
                {
                    if (c == '\r' && i < text.Length && text[i] == '\n') i++;
                    break;
                }
                else cell.Append(c);
            }
            cells.Add(cell.ToString());
            yield return cells;
        }
    }
}
