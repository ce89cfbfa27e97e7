using System.Globalization;
using System.Text.RegularExpressions;

namespace Campaigns.Benchmarks.Infrastructure;

/// <summary>What one <c>wrk</c> run measured.</summary>
public sealed record WrkResult(double RequestsPerSecond, long Requests, long Failed, double P50Ms, double P99Ms, TimeSpan Duration, string Output);

/// <summary>
/// <c>wrk</c> (a C load generator: a few threads, many keep-alive connections) against one URL. Used for the read
/// figures because an HttpClient load generator on the same two cores spends more CPU than the host it measures.
/// A run with any non-2xx response or socket error fails the benchmark.
/// </summary>
public static partial class Wrk
{
    /// <summary>Threads wrk uses for <paramref name="connections"/> connections (a script may need to know).</summary>
    public static int Threads(int connections) => Math.Min(Environment.ProcessorCount, connections);

    /// <summary>
    /// One run; with <paramref name="script"/> (a Lua file beside the benchmark binary, and its arguments) the script
    /// makes the requests, and what it prints is in <see cref="WrkResult.Output"/>.
    /// </summary>
    public static async Task<WrkResult> RunAsync(Uri url, string? bearer, int connections, int seconds, CancellationToken cancellationToken,
        string? script = null, IEnumerable<string>? scriptArguments = null)
    {
        List<string> args = ["-t", $"{Threads(connections)}", "-c", $"{connections}", "-d", $"{seconds}s", "--latency", "--timeout", "10s"];
        if (bearer is not null)
        {
            args.AddRange(["-H", $"Authorization: Bearer {bearer}"]);
        }
        if (script is not null)
        {
            args.AddRange(["-s", Path.Combine(AppContext.BaseDirectory, script)]);
        }
        args.Add(url.ToString());
        if (scriptArguments is not null)
        {
            args.Add("--");
            args.AddRange(scriptArguments);
        }
        var output = await ToolRunner.RunAsync("wrk", args, TimeSpan.FromSeconds(seconds + 60), cancellationToken);
        var rate = Number(RateLine(), output, "Requests/sec");
        var total = Number(TotalLine(), output, "requests in");
        var failed = NonSuccessLine().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socket = SocketErrorLine().Match(output);
        if (failed > 0 || socket.Success)
        {
            throw new BenchmarkFailedException($"wrk {url.PathAndQuery}: {failed} non-2xx responses{(socket.Success ? ", " + socket.Value.Trim() : "")}:\n{output}");
        }
        return new WrkResult(rate, (long)total, failed, Latency(output, "50%"), Latency(output, "99%"), TimeSpan.FromSeconds(seconds), output);
    }

    /// <summary>A latency line of <c>--latency</c>'s distribution, in ms (wrk prints us, ms or s).</summary>
    private static double Latency(string output, string percentile)
    {
        var match = Regex.Match(output, $@"^\s+{Regex.Escape(percentile)}\s+([0-9.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!match.Success)
        {
            throw new BenchmarkFailedException($"wrk output has no {percentile} latency line:\n{output}");
        }
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    private static double Number(Regex pattern, string output, string what)
    {
        var match = pattern.Match(output);
        if (!match.Success)
        {
            throw new BenchmarkFailedException($"wrk output has no '{what}' line:\n{output}");
        }
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^Requests/sec:\s+([0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex RateLine();

    [GeneratedRegex(@"^\s*([0-9]+) requests in ", RegexOptions.Multiline)]
    private static partial Regex TotalLine();

    [GeneratedRegex(@"^\s*Non-2xx or 3xx responses:\s+([0-9]+)", RegexOptions.Multiline)]
    private static partial Regex NonSuccessLine();

    [GeneratedRegex(@"^\s*Socket errors:.*$", RegexOptions.Multiline)]
    private static partial Regex SocketErrorLine();
}
