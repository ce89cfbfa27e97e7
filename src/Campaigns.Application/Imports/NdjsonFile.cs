using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Campaigns.Application.Imports;

/// <summary>
/// Reads <c>application/x-ndjson</c>: one create request per non-blank line, the same JSON as the create endpoint.
/// The body is read as a stream, and reading stops after the row past the limit.
/// </summary>
public static partial class NdjsonFile
{
    public const string MediaType = "application/x-ndjson";

    /// <summary>Reads rows until the body ends or <paramref name="maxRows"/> + 1 have been read.</summary>
    public static async Task<IReadOnlyList<ImportRow<TRequest>>> ReadAsync<TRequest>(
        TextReader body, JsonSerializerOptions options, int maxRows, CancellationToken cancellationToken) where TRequest : class
    {
        var rows = new List<ImportRow<TRequest>>();
        await foreach (var line in LinesAsync(body, cancellationToken))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            rows.Add(ReadLine<TRequest>(rows.Count + 1, line, options));
            if (rows.Count > maxRows)
            {
                break;
            }
        }
        return rows;
    }

    private static async IAsyncEnumerable<string> LinesAsync(TextReader body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var chars = new BodyChars(body);
        var line = new StringBuilder();
        while (await chars.FillAsync(cancellationToken))
        {
            while (chars.TryNext(out var c))
            {
                if (c != '\n')
                {
                    if (line.Length == BodyChars.MaxRowChars)
                    {
                        throw BodyChars.RowTooLong();
                    }
                    line.Append(c);
                    continue;
                }
                yield return line.ToString();
                line.Clear();
            }
        }
        yield return line.ToString();
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
