using System.Text.Json;
using System.Text.RegularExpressions;

namespace Campaigns.Application.Imports;

/// <summary>Reads <c>application/x-ndjson</c>: one create request per non-blank line, the same JSON as the create endpoint.</summary>
public static partial class NdjsonFile
{
    public const string MediaType = "application/x-ndjson";

    public static IReadOnlyList<ImportRow<TRequest>> Read<TRequest>(string text, JsonSerializerOptions options) where TRequest : class
    {
        var rows = new List<ImportRow<TRequest>>();
        foreach (var line in text.Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var number = rows.Count + 1;
            rows.Add(ReadLine<TRequest>(number, line, options));
        }
        return rows;
    }

    private static ImportRow<TRequest> ReadLine<TRequest>(int number, string line, JsonSerializerOptions options) where TRequest : class
    {
        try
        {
            return JsonSerializer.Deserialize<TRequest>(line, options) is { } request
                ? ImportRow<TRequest>.Read(number, request)
                : ImportRow<TRequest>.Unreadable(number, "", "Must be a JSON object.");
        }
        catch (JsonException json)
        {
            if (UnmappedMember().Match(json.Message) is { Success: true } unmapped)
            {
                return ImportRow<TRequest>.Unreadable(number, unmapped.Groups["name"].Value, "Is not a field of this request.");
            }
            var path = json.Path is null ? "" : json.Path.TrimStart('$').TrimStart('.');
            return ImportRow<TRequest>.Unreadable(number, path, path.Length == 0 ? "Is not valid JSON." : "Has the wrong type or is not valid JSON.");
        }
    }

    [GeneratedRegex("The JSON property '(?<name>[^']+)' could not be mapped")]
    private static partial Regex UnmappedMember();
}
