using System.Globalization;
using Campaigns.Application.Imports;

namespace Campaigns.Application.Accounts.Import;

/// <summary>
/// The CSV form of an account (see <see cref="CsvFile"/>): audience tags are <c>beauty:0.9;skincare:0.6</c>; caps
/// and connector are flattened into their own columns.
/// </summary>
public static class AccountCsv
{
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
    public static Task<IReadOnlyList<ImportRow<CreateAccount>>> ReadAsync(TextReader body, int maxRows, CancellationToken cancellationToken) =>
        CsvFile.ReadAsync(body, Columns, ReadRow, maxRows, cancellationToken);

    private static CreateAccount ReadRow(CsvRow row)
    {
        var caps = row.AnyOf("maxPostsPerDay", "minGapMinutes", "quietFrom", "quietTo")
            ? new CapsInput(row.Int("maxPostsPerDay"), row.Int("minGapMinutes"),
                row.AnyOf("quietFrom", "quietTo") ? new QuietHoursInput(row.Text("quietFrom"), row.Text("quietTo")) : null)
            : null;
        var connector = row.AnyOf("connectorType", "connectorUrl", "connectorSecret")
            ? new ConnectorInput(row.Text("connectorType"), row.Text("connectorUrl"), row.Text("connectorSecret"))
            : null;
        return new CreateAccount(
            row.Text("platform"), row.Text("handle"), row.Text("displayName"), row.Text("brand"), row.Text("kind"), row.Text("persona"),
            Tags(row), row.Text("timeZone"), row.Long("followers"), caps, connector);
    }

    /// <summary><c>beauty:0.9;skincare:0.6</c> → a weighted tag map.</summary>
    private static Dictionary<string, double>? Tags(CsvRow row)
    {
        if (row.List("audienceTags") is not { } pairs)
        {
            return null;
        }
        var tags = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var colon = pair.LastIndexOf(':');
            if (colon <= 0 || !double.TryParse(pair[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight))
            {
                row.Problem("audienceTags", "Must be tag:weight pairs separated by ';', such as beauty:0.9;skincare:0.6.");
                return null;
            }
            tags[pair[..colon]] = weight;
        }
        return tags;
    }
}
