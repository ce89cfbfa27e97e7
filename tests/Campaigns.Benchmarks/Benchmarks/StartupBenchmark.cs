using Campaigns.Benchmarks.Infrastructure;

namespace Campaigns.Benchmarks.Benchmarks;

/// <summary>
/// Start-to-ready of the embedded (SQLite) host as a separate process: from process creation until
/// <c>GET /health/ready</c> answers 200. Cold = fresh data directory (schema created, admin key generated);
/// warm = the second start on the same directory. One unmeasured cold+warm pair first warms the OS file cache.
/// Options: --startup-runs (3).
/// </summary>
public sealed class StartupBenchmark : IBenchmark
{
    public string Name => "startup";

    public string Description => "cold and warm start-to-ready of the embedded host (separate process, SQLite)";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var runs = context.Options.Int("startup-runs", 3, max: 50);
        var root = Directory.CreateTempSubdirectory("campaigns-bench-startup.");
        try
        {
            List<double> cold = [], warm = [], stops = [];
            for (var run = 0; run <= runs; run++)
            {
                var measured = run > 0;
                var workDir = Path.Combine(root.FullName, $"run{run}");
                var environment = new Dictionary<string, string> { ["Campaigns__DataDirectory"] = Path.Combine(workDir, "data") };

                var (coldTime, coldStop) = await StartOnce(context, workDir, environment, "cold", cancellationToken);
                if (!File.Exists(Path.Combine(workDir, "data", "campaigns.db")))
                {
                    throw new BenchmarkFailedException($"the cold start left no campaigns.db in {workDir}/data");
                }
                var (warmTime, warmStop) = await StartOnce(context, workDir, environment, "warm", cancellationToken);
                BenchContext.Log($"startup {(measured ? $"run {run}/{runs}" : "warm-up (discarded)")}: cold {coldTime:0} ms, warm {warmTime:0} ms");
                if (measured)
                {
                    cold.Add(coldTime);
                    warm.Add(warmTime);
                    stops.Add(coldStop);
                    stops.Add(warmStop);
                }
            }

            var notes = $"SQLite, n={runs}, process start → /health/ready 200";
            context.Report.Add(Name, "cold start-to-ready, median", Stats.Median(cold), "ms", notes + ", fresh data dir", key: "startup.cold.median");
            context.Report.Add(Name, "cold start-to-ready, max", cold.Max(), "ms", $"runs: {string.Join(", ", cold.Select(c => c.ToString("0")))} ms");
            context.Report.Add(Name, "warm start-to-ready, median", Stats.Median(warm), "ms", notes + ", same data dir again", key: "startup.warm.median");
            context.Report.Add(Name, "warm start-to-ready, max", warm.Max(), "ms", $"runs: {string.Join(", ", warm.Select(c => c.ToString("0")))} ms");
            context.Report.Add(Name, "graceful stop (SIGTERM → exit), median", Stats.Median(stops), "ms", $"n={stops.Count}, max {stops.Max():0} ms");
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static async Task<(double ReadyMs, double StopMs)> StartOnce(
        BenchContext context, string workDir, Dictionary<string, string> environment, string label, CancellationToken cancellationToken)
    {
        await using var host = HostProcess.Start(context.Host, workDir, environment, label);
        var ready = await host.WaitReadyAsync(cancellationToken);
        var stop = await host.StopAsync();
        return (ready.TotalMilliseconds, stop.TotalMilliseconds);
    }
}
