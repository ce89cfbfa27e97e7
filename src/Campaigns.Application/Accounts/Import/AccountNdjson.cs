using System.Text.Json;
using System.Text.RegularExpressions;

namespace Campaigns.Application.Accounts.Import;

/// <summary>Reads <c>application/x-ndjson</c>: one account per non-blank line, the same JSON as <c>POST /v1/accounts</c>.</summary>
public static partial class AccountNdjson
{
    public const string MediaType = "application/x-ndjson";

    public static IReadOnlyList<ImportRow> Read(string text, JsonSerializerOptions options)
    {
        var rows = new List<ImportRow>();
        foreach (var line in text.Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var number = rows.Count + 1;
            rows.Add(ReadLine(number, line, options));
        }
        return rows;
    }

    private static ImportRow ReadLine(int number, string line, JsonSerializerOptions options)
    {
        try
        {
            return JsonSerializer.Deserialize<CreateAccount>(line, options) is { } account
                ? ImportRow.Read(number, account)
                : ImportRow.Unreadable(number, "", "Must be a JSON object.");
        }
        catch (JsonException json)
        {
            if (UnmappedMember().Match(json.Message) is { Success: true } unmapped)
            {
                return ImportRow.Unreadable(number, unmapped.Groups["name"].Value, "Is not a field of this request.");
            }
            var path = json.Path is null ? "" : json.Path.TrimStart('$').TrimStart('.');
            return ImportRow.Unreadable(number, path, path.Length == 0 ? "Is not valid JSON." : "Has the wrong type or is not valid JSON.");
        }
    }

    [GeneratedRegex("The JSON property '(?<name>[^']+)' could not be mapped")]
    private static partial Regex UnmappedMember();
}
