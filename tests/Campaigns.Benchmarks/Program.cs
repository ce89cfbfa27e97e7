// Campaigns macro benchmarks.
//
//   Run everything (builds Release, provisions a throwaway PostgreSQL with fsync on, tears it down):
//       bash tests/Campaigns.Benchmarks/run.sh
//   Run some, with options:
//       bash tests/Campaigns.Benchmarks/run.sh startup accounts --accounts 5000 --concurrency 32
//   List the benchmarks and their options:
//       bash tests/Campaigns.Benchmarks/run.sh --list
//
// Prints a Markdown table and writes it to artifacts/benchmarks/latest.md (or --output PATH).
// See README.md in this folder. To add a benchmark: implement IBenchmark in Benchmarks/ and add it to
// BenchmarkCatalog.All; it reads its own options from BenchContext.Options and records rows in BenchContext.Report.
using System.Globalization;
using System.Runtime.InteropServices;
using Campaigns.Benchmarks;
using Campaigns.Benchmarks.Benchmarks;
using Campaigns.Benchmarks.Infrastructure;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var options = BenchOptions.Parse(args);
string[] globalOptions = ["output", "timeout-minutes", "list", "help"];

if (options.Has("list") || options.Has("help"))
{
    Console.WriteLine("usage: run.sh [benchmark ...] [--option value ...]   (no names: all, in this order)");
    foreach (var benchmark in BenchmarkCatalog.All)
    {
        Console.WriteLine($"  {benchmark.Name,-10} {benchmark.Description}");
    }
    Console.WriteLine("options: --accounts N (2000) --concurrency C (16) --warmup W (200) --providers sqlite,postgresql");
    Console.WriteLine("         --startup-runs (3) --pgbench-scale (10) --pgbench-clients (8) --pgbench-write-seconds (15)");
    Console.WriteLine("         --pgbench-read-seconds (10) --output PATH (artifacts/benchmarks/latest.md) --timeout-minutes (30)");
    Console.WriteLine("         catalogue: --catalogue-accounts (10000) --catalogue-requests (200) --catalogue-warmup (20)");
    Console.WriteLine("         matrix: --matrix-accounts (10000) --matrix-videos (100) --matrix-spread-ms (10) --matrix-lead-seconds (45)");
    Console.WriteLine("                 --matrix-deadline-seconds (240)");
    Console.WriteLine("         quartz: --quartz-triggers (10000) --matrix-spread-ms (10) --quartz-threads (16) --quartz-batch (1)");
    Console.WriteLine("                 --quartz-schedule bulk|each (bulk) --quartz-lead-seconds (10) --quartz-deadline-seconds (300)");
    Console.WriteLine("         tiein: --tiein-campaigns (10) --tiein-waves (4)");
    Console.WriteLine("         metrics: --metrics-pushes (10000) --metrics-videos (100) --metrics-snapshots (2) --metrics-clients (16)");
    Console.WriteLine("                  --metrics-feed-seconds (5) --metrics-requests (20)");
    Console.WriteLine("         reads: --reads-connections (32) --reads-seconds (10) --reads-grains (100000; 0 skips the memory part)");
    Console.WriteLine("         platform: --platform-accounts (1000) --platform-latency-ms (50) --platform-poll-ms (0 = host default 5 s)");
    Console.WriteLine("                   --platform-video-bytes (1000000) --platform-connect-workers (16) --platform-lead-seconds (20)");
    Console.WriteLine("                   --platform-deadline-seconds (300)");
    Console.WriteLine("         upload-memory: --upload-mib (1024) --upload-chunk-mib (16)");
    return 0;
}

var unknown = options.Names.Where(n => BenchmarkCatalog.All.All(b => b.Name != n)).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"unknown benchmark(s): {string.Join(", ", unknown)}; known: {string.Join(", ", BenchmarkCatalog.All.Select(b => b.Name))}");
    return 2;
}
var selected = options.Names.Count == 0
    ? BenchmarkCatalog.All.ToList()
    : options.Names.Distinct().Select(n => BenchmarkCatalog.All.First(b => b.Name == n)).ToList();

using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(options.Int("timeout-minutes", 30)));
using var stop = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

var host = HostBinary.Locate();
var postgres = PostgresCluster.FromEnvironment();
var report = new Report();
var output = options.String("output", Path.Combine(host.RepoRoot, "artifacts", "benchmarks", "latest.md"));

report.Facts.Add(("Date (UTC)", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm")));
report.Facts.Add(("Commit", Environment.GetEnvironmentVariable("CAMPAIGNS_BENCH_COMMIT") ?? "(unknown)"));
report.Facts.Add(("Machine", $"{Environment.ProcessorCount} cores (nproc), {MemoryGiB()} RAM, {RuntimeInformation.OSDescription}"));
report.Facts.Add((".NET", $"{RuntimeInformation.FrameworkDescription}, host built Release, run as `dotnet Campaigns.Host.dll`"));
if (postgres is not null)
{
    var settings = $"fsync={await postgres.ShowAsync("fsync", stop.Token)}, synchronous_commit={await postgres.ShowAsync("synchronous_commit", stop.Token)}, "
        + $"shared_buffers={await postgres.ShowAsync("shared_buffers", stop.Token)}";
    report.Facts.Add(("PostgreSQL", $"{postgres.Version}, throwaway cluster on 127.0.0.1:{postgres.Port}, {settings}"));
}
report.Facts.Add(("Command", $"`{string.Join(' ', new[] { "bash tests/Campaigns.Benchmarks/run.sh" }.Concat(args))}`"));
var loadAtStart = LoadAverage();
report.Facts.Add(("Note", "client and server share the same cores: HTTP figures include the load generator's CPU"));

foreach (var benchmark in selected)
{
    BenchContext.Log($"=== {benchmark.Name}: {benchmark.Description}");
    try
    {
        await benchmark.RunAsync(new BenchContext(options, host, postgres, report), stop.Token);
    }
    catch (Exception ex) when (ex is BenchmarkFailedException or ArgumentException or OperationCanceledException)
    {
        var message = ex is OperationCanceledException ? "cancelled (timeout or Ctrl+C)" : ex.Message;
        report.Failures.Add($"{benchmark.Name}: {message.Split('\n')[0]}");
        BenchContext.Log($"FAILED {benchmark.Name}: {message}");
        if (ex is OperationCanceledException)
        {
            break;
        }
    }
}

report.Ratio("accounts/s PostgreSQL ÷ pgbench -N TPS", AccountsBenchmark.WrkRateKey("postgresql"), PgbenchBenchmark.WriteTpsKey,
    notes: "share of the raw durable-write ceiling reached, wrk (a C client like pgbench's) creating; one account = one durable transaction (row, tags, follower point, state)");
report.Ratio("accounts/s PostgreSQL, HttpClient clients ÷ pgbench -N TPS", AccountsBenchmark.RateKey("postgresql"), PgbenchBenchmark.WriteTpsKey,
    notes: "the same with the runner's HttpClient workers creating (N accounts after the warm-up), which share the two cores with the host");
report.Ratio("accounts/s SQLite ÷ PostgreSQL", AccountsBenchmark.RateKey("sqlite"), AccountsBenchmark.RateKey("postgresql"));
report.Ratio("imported accounts/s PostgreSQL ÷ pgbench -N TPS", CatalogueBenchmark.ImportRateKey("postgresql"), PgbenchBenchmark.WriteTpsKey,
    notes: "one import is one transaction of multi-row inserts, so this compares rows, not transactions");
report.Ratio("imported accounts/s SQLite ÷ pgbench -N TPS", CatalogueBenchmark.ImportRateKey("sqlite"), PgbenchBenchmark.WriteTpsKey,
    notes: "SQLite rows against the PostgreSQL transaction ceiling: only a scale");
report.Ratio("metrics snapshots/s PostgreSQL ÷ pgbench -N TPS", MetricsBenchmark.RateKey("postgresql"), PgbenchBenchmark.WriteTpsKey,
    notes: "engagement snapshots through HTTP (wrk, a C client like pgbench's) against the raw durable-write ceiling; snapshots arriving together share one transaction (group commit)");
report.Ratio("metrics snapshots/s PostgreSQL, HttpClient clients ÷ pgbench -N TPS", MetricsBenchmark.HttpClientRateKey("postgresql"), PgbenchBenchmark.WriteTpsKey,
    notes: "the same with the runner's HttpClient as the load generator, which shares the two cores with the host");
report.Ratio("metrics snapshots/s SQLite ÷ pgbench -N TPS", MetricsBenchmark.RateKey("sqlite"), PgbenchBenchmark.WriteTpsKey,
    notes: "SQLite against the PostgreSQL ceiling: only a scale");

foreach (var provider in new[] { "sqlite", "postgresql" })
{
    report.Ratio($"GET one account ÷ GET /health/live, {(provider == "sqlite" ? "SQLite" : "PostgreSQL")}", ReadsBenchmark.AccountRateKey(provider),
        ReadsBenchmark.LivenessRateKey(provider), notes: "requests/s of the same wrk run shape on the same host; goal ≥ 0.5");
}

foreach (var key in options.Unread(globalOptions))
{
    report.Failures.Add($"option --{key} was not used by any benchmark that ran (typo?)");
}

report.Facts.Add(("Load average (1 min) at start → end", $"{loadAtStart} → {LoadAverage()} (other work on the machine makes figures noisy)"));

var markdown = report.ToMarkdown();
Console.WriteLine();
Console.WriteLine(markdown);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
await File.WriteAllTextAsync(output, markdown);
BenchContext.Log($"wrote {Path.GetFullPath(output)}");
return report.Failures.Count == 0 ? 0 : 1;

static string LoadAverage()
{
    try
    {
        return File.ReadAllText("/proc/loadavg").Split(' ')[0];
    }
    catch (IOException)
    {
        return "?";
    }
}

static string MemoryGiB()
{
    try
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kib = double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return $"{kib / 1024 / 1024:0.0} GiB";
    }
    catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
    {
        return "? GiB";
    }
}
