using System.Globalization;
using System.Text.RegularExpressions;
using Campaigns.Benchmarks.Infrastructure;

namespace Campaigns.Benchmarks.Benchmarks;

/// <summary>
/// The baseline: what the throwaway cluster (fsync on) does for plain pgbench clients. <c>-N</c> (simple update:
/// one UPDATE + one INSERT per durable commit) is the ceiling for durable writes; <c>-S</c> is select-only.
/// Options: --pgbench-scale (10), --pgbench-clients (8), --pgbench-write-seconds (15), --pgbench-read-seconds (10).
/// </summary>
public sealed partial class PgbenchBenchmark : IBenchmark
{
    public const string Database = "bench_pgbench";
    public const string WriteTpsKey = "pgbench.N.tps", ReadTpsKey = "pgbench.S.tps";

    public string Name => "pgbench";

    public string Description => "pgbench -N (durable simple-update) and -S (select-only) TPS on the same cluster: the baseline";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var pg = context.RequirePostgres(Name);
        var scale = context.Options.Int("pgbench-scale", 10);
        var clients = context.Options.Int("pgbench-clients", 8);
        var writeSeconds = context.Options.Int("pgbench-write-seconds", 15);
        var readSeconds = context.Options.Int("pgbench-read-seconds", 10);
        var pgbench = pg.Tool("pgbench");
        string[] connection = ["-h", PostgresCluster.Host, "-p", pg.Port.ToString(CultureInfo.InvariantCulture), "-U", PostgresCluster.User];

        await pg.CreateFreshDatabaseAsync(Database, cancellationToken);
        BenchContext.Log($"pgbench -i -s {scale}");
        await ToolRunner.RunAsync(pgbench, [.. connection, "-i", "-q", "-s", $"{scale}", Database], TimeSpan.FromMinutes(5), cancellationToken);

        var runs = new[]
        {
            (Flag: "-N", Seconds: writeSeconds, Key: WriteTpsKey, Label: "simple-update (-N), durable"),
            (Flag: "-S", Seconds: readSeconds, Key: ReadTpsKey, Label: "select-only (-S)"),
        };
        foreach (var run in runs)
        {
            string[] args = [.. connection, run.Flag, "-c", $"{clients}", "-j", "2", "-T", $"{run.Seconds}", Database];
            BenchContext.Log($"pgbench {string.Join(' ', args)}");
            var pgBefore = pg.CpuTime();
            var output = await ToolRunner.RunAsync(pgbench, args, TimeSpan.FromSeconds(run.Seconds + 120), cancellationToken);
            var pgCpu = pg.CpuTime() - pgBefore;
            var tps = Number(TpsLine(), output, "tps");
            var latency = Number(LatencyLine(), output, "latency average");
            var failed = FailedLine().Match(output);
            if (failed.Success && failed.Groups[1].Value != "0")
            {
                throw new BenchmarkFailedException($"pgbench {run.Flag}: {failed.Groups[1].Value} failed transactions:\n{output}");
            }
            var notes = $"-s {scale} -c {clients} -j 2 -T {run.Seconds}; latency avg {latency.ToString("0.00", CultureInfo.InvariantCulture)} ms";
            context.Report.Add(Name, $"TPS {run.Label}", tps, "tx/s", notes, key: run.Key);
            if (pgCpu is { } database)
            {
                context.Report.Add(Name, $"PostgreSQL CPU per transaction, {run.Flag}", database.TotalMilliseconds / (tps * run.Seconds), "ms",
                    $"the whole cluster's CPU time during the run ÷ (TPS × seconds) ({database.TotalSeconds / run.Seconds:0.00} cores)", format: "0.000");
            }
        }
    }

    private static double Number(Regex pattern, string output, string what)
    {
        var match = pattern.Match(output);
        if (!match.Success)
        {
            throw new BenchmarkFailedException($"pgbench output has no '{what}' line:\n{output}");
        }
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^tps = ([0-9.]+) \(without initial connection time\)", RegexOptions.Multiline)]
    private static partial Regex TpsLine();

    [GeneratedRegex(@"^latency average = ([0-9.]+) ms", RegexOptions.Multiline)]
    private static partial Regex LatencyLine();

    [GeneratedRegex(@"^number of failed transactions: ([0-9]+)", RegexOptions.Multiline)]
    private static partial Regex FailedLine();
}
