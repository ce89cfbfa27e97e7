using System.Globalization;
using System.Net;

namespace Campaigns.Benchmarks.Infrastructure;

/// <summary>
/// Reads the host's Prometheus endpoint (<c>Campaigns__Telemetry__Prometheus=true</c>, admin key) and sums each
/// metric over its series, so the runtime's own figures (GC heap, bytes allocated) can be sampled from outside.
/// </summary>
public static class PrometheusScrape
{
    /// <summary>The exposition text as served.</summary>
    public static async Task<string> ReadTextAsync(ApiClient api, string adminKey, CancellationToken cancellationToken)
    {
        var (status, body) = await api.GetAsync("metrics", adminKey, cancellationToken);
        return status == HttpStatusCode.OK ? body : throw new BenchmarkFailedException($"GET /metrics answered {(int)status}: {BenchApi.Truncate(body)}");
    }

    public static async Task<Dictionary<string, double>> ReadAsync(ApiClient api, string adminKey, CancellationToken cancellationToken) =>
        Sum(await ReadTextAsync(api, adminKey, cancellationToken), "");

    /// <summary>Each metric summed over its series whose line contains <paramref name="labelFilter"/> (e.g. <c>server_port="1234"</c>).</summary>
    public static Dictionary<string, double> Sum(string text, string labelFilter)
    {
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#' || !line.Contains(labelFilter, StringComparison.Ordinal))
            {
                continue;
            }
            var nameEnd = line.IndexOfAny(['{', ' ']);
            var valueStart = line.LastIndexOf('}') is var brace and >= 0 ? brace + 1 : nameEnd;
            var fields = line[valueStart..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (nameEnd <= 0 || fields.Length == 0 || !double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }
            var name = line[..nameEnd];
            sums[name] = sums.GetValueOrDefault(name) + value;
        }
        return sums;
    }

    /// <summary>The sum of a metric's series, or NaN when the host does not export it.</summary>
    public static double Get(this Dictionary<string, double> sums, string name) => sums.TryGetValue(name, out var v) ? v : double.NaN;
}
