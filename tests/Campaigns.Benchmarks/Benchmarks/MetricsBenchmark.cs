using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Campaigns.Benchmarks.Infrastructure;

namespace Campaigns.Benchmarks.Benchmarks;

/// <summary>
/// Engagement feedback at N published pushes, per provider, on a host whose sandbox runs an hour per second
/// (<c>Campaigns__Sandbox__TimeScale=3600</c>) and feeds every <c>--metrics-feed-seconds</c>:
/// <list type="number">
/// <item>a matrix campaign publishes N pushes on the sandbox (N imported accounts, V videos, 10 products);</item>
/// <item>the sandbox feed snapshots them by itself: each round's duration is read from the database — all snapshots
/// of a round share its instant <c>at</c>, and <c>received_at</c> is when each page was written, so
/// <c>max(received_at) − at</c> is the round from its first read to its last page's write;</item>
/// <item>once the posts are past the feed's horizon (3 simulated days = 72 s), C clients post R snapshots per push
/// through <c>POST /v1/pushes/{id}/metrics</c>, each push owned by one client so its snapshots arrive in order:
/// snapshots/s = N·R ÷ wall time;</item>
/// <item>query times at N pushes and their history: the report (JSON and SVG) and video, product and account stats.</item>
/// </list>
/// Checks: every push published; a feed round covered ≥ 90 % of the posts; every snapshot answered 202 with
/// <c>applied: true</c>; afterwards every push shows the last snapshot sent, and the report's totals equal their sum.
/// Options: --metrics-pushes N (10000), --metrics-videos V (100), --metrics-snapshots R (2), --metrics-clients C (16),
/// --metrics-feed-seconds (5; 0 turns the feed off and skips its part), --metrics-requests (20), --metrics-wrk-seconds
/// (20: the same ingestion driven by wrk afterwards, the figure the ratio to pgbench uses; 0 skips it), --providers.
/// </summary>
public sealed partial class MetricsBenchmark : IBenchmark
{
    public const string Database = "bench_metrics";

    private const double TimeScale = 3600;

    /// <summary>The feed's default horizon (3 simulated days) in real seconds at <see cref="TimeScale"/>.</summary>
    private const double HorizonSeconds = 3 * 86_400 / TimeScale;

    /// <summary>Counters start here, far above anything the sandbox fed, so every posted snapshot is a valid increase.</summary>
    private const long Base = 1_000_000_000;

    /// <summary>Report key of snapshots/s with wrk as the load generator (the ratio's figure).</summary>
    public static string RateKey(string provider) => $"metrics.{provider}.snapshots_per_s";

    /// <summary>Report key of snapshots/s with the runner's HttpClient as the load generator (every answer checked).</summary>
    public static string HttpClientRateKey(string provider) => $"metrics.{provider}.snapshots_per_s.httpclient";

    public string Name => "metrics";

    public string Description => "engagement snapshots/s through HTTP at N published pushes, the sandbox feed's round, report and stats query times";

    private sealed record Options(int Pushes, int Videos, int Snapshots, int Clients, int FeedSeconds, int Requests, int WrkSeconds);

    private sealed record Setup(string AgencyId, string Key, string CampaignId, List<string> Videos, List<string> Products, List<string> Accounts);

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var o = new Options(
            context.Options.Int("metrics-pushes", 10_000, max: 10_000),
            context.Options.Int("metrics-videos", 100, max: 100),
            context.Options.Int("metrics-snapshots", 2, max: 100),
            context.Options.Int("metrics-clients", 16, max: 256),
            context.Options.Int("metrics-feed-seconds", 5, min: 0, max: 60),
            context.Options.Int("metrics-requests", 20, max: 10_000),
            context.Options.Int("metrics-wrk-seconds", 20, min: 0, max: 600));
        var environment = new Dictionary<string, string>
        {
            ["Campaigns__Sandbox__TimeScale"] = TimeScale.ToString(CultureInfo.InvariantCulture),
            ["Campaigns__Sandbox__FeedSeconds"] = o.FeedSeconds.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var provider in ProviderHost.Providers(context))
        {
            await using var host = await ProviderHost.StartAsync(context, Name, provider, Database, environment, cancellationToken);
            try
            {
                await RunProvider(context, host, o, cancellationToken);
            }
            catch
            {
                host.Failed();
                throw;
            }
        }
    }

    private async Task RunProvider(BenchContext context, ProviderHost host, Options o, CancellationToken cancellationToken)
    {
        using var api = new ApiClient(host.Process.BaseAddress, o.Clients + 4);
        var setup = await SetUpAsync(api, host, o, cancellationToken);
        var pushes = await PublishedPushesAsync(api, setup, o.Pushes, cancellationToken);

        // Let the feed run over the posts until they leave its horizon; then it finds nothing and HTTP has the database.
        if (o.FeedSeconds > 0)
        {
            var lastPublished = pushes.Max(p => p.PublishedAt);
            var quiet = lastPublished.AddSeconds(HorizonSeconds + 2 * o.FeedSeconds + 3) - DateTimeOffset.UtcNow;
            BenchContext.Log($"metrics/{host.Provider}: {pushes.Count} published; waiting {quiet.TotalSeconds:0} s for the sandbox feed to pass its horizon");
            if (quiet > TimeSpan.Zero)
            {
                await Task.Delay(quiet, cancellationToken);
            }
            await ReportFeedAsync(context, host, setup, o, cancellationToken);
        }

        BenchContext.Log($"metrics/{host.Provider}: ingesting {pushes.Count * o.Snapshots} snapshots ({o.Snapshots} per push) with {o.Clients} clients");
        var cpuBefore = host.Process.CpuTime;
        var pgBefore = host.Provider == "postgresql" ? context.Postgres?.CpuTime() : null;
        var (elapsed, latencies) = await IngestAsync(api, setup, pushes, o, cancellationToken);
        var cores = (host.Process.CpuTime - cpuBefore) / elapsed;
        var pgCpu = context.Postgres?.CpuTime() - pgBefore;
        var total = pushes.Count * o.Snapshots;
        var rate = total / elapsed.TotalSeconds;
        context.Report.Add(Name, $"snapshots ingested/s through HTTP, HttpClient clients, {host.Label}", rate, "/s",
            $"{total:N0} snapshots ({o.Snapshots} per push × {pushes.Count:N0} published pushes) by {o.Clients} clients in {elapsed.TotalSeconds:0.0} s; "
            + $"latency p50 {Stats.Percentile(latencies, 50):0.0} ms, p99 {Stats.Percentile(latencies, 99):0.0} ms; every one 202 applied; host used {cores:0.00} cores",
            key: HttpClientRateKey(host.Provider));
        context.Report.Add(Name, $"host CPU per snapshot, {host.Label}", cores * elapsed.TotalMilliseconds / total, "ms",
            "host process user+system CPU time ÷ snapshots ingested", format: "0.000");
        if (pgCpu is { } database)
        {
            context.Report.Add(Name, $"PostgreSQL CPU per snapshot, {host.Label}", database.TotalMilliseconds / total, "ms",
                $"the whole cluster's CPU time during ingestion ÷ snapshots ({database.TotalSeconds / elapsed.TotalSeconds:0.00} cores)", format: "0.000");
        }
        await VerifyLatestAsync(api, setup, pushes, o, cancellationToken);
        if (o.WrkSeconds > 0)
        {
            await IngestWithWrkAsync(context, host, setup, pushes, o, cancellationToken);
        }
        await ReportQueriesAsync(context, api, host, setup, pushes.Count, o, cancellationToken);
    }

    private static async Task<Setup> SetUpAsync(ApiClient api, ProviderHost host, Options o, CancellationToken cancellationToken)
    {
        var (agencyId, key) = await BenchApi.CreateAgencyWithIdAsync(api, host.AdminKey, "Metrics", cancellationToken);
        var platforms = SyntheticAccounts.Platforms;
        var accounts = SyntheticAccounts.Generate(o.Pushes, seed: 303, "mx", i => platforms[i / o.Videos % platforms.Length]);
        await BenchApi.ImportAsync(api, key, accounts, cancellationToken);
        var products = new List<string>();
        for (var p = 0; p < 10; p++)
        {
            var body = new JsonObject
            {
                ["sku"] = $"MX-{p}", ["title"] = $"Bench product {p}",
                ["price"] = new JsonObject { ["amount"] = 99, ["currency"] = "CNY" },
            };
            products.Add((await BenchApi.PostJsonAsync(api, key, "v1/products", body, HttpStatusCode.Created, cancellationToken))["id"]!.GetValue<string>());
        }
        var videos = new List<string>();
        for (var v = 0; v < o.Videos; v++)
        {
            var body = new JsonObject
            {
                ["title"] = $"Bench video {v}", ["type"] = "product-showcase", ["durationSeconds"] = 30,
                ["productIds"] = new JsonArray(JsonValue.Create(products[v % products.Count])),
            };
            videos.Add((await BenchApi.PostJsonAsync(api, key, "v1/videos", body, HttpStatusCode.Created, cancellationToken))["id"]!.GetValue<string>());
        }
        var start = DateTimeOffset.UtcNow.AddSeconds(10 + o.Pushes / 500);
        var campaign = new JsonObject
        {
            ["name"] = "Metrics bench 指标", ["brand"] = "bench", ["timeZone"] = "Asia/Shanghai",
            ["videoIds"] = new JsonArray(videos.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()),
            ["strategy"] = new JsonObject
            {
                ["kind"] = "matrix",
                ["accounts"] = new JsonObject { ["ids"] = new JsonArray(accounts.Select(a => (JsonNode)JsonValue.Create(a.Id)!).ToArray()) },
                ["startAt"] = start.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
                ["staggerSeconds"] = 0,
            },
        };
        var id = (await BenchApi.PostJsonAsync(api, key, "v1/campaigns", campaign, HttpStatusCode.Created, cancellationToken))["id"]!.GetValue<string>();
        await BenchApi.PostJsonAsync(api, key, $"v1/campaigns/{id}/launch", new JsonObject(), HttpStatusCode.Accepted, cancellationToken);
        BenchContext.Log($"metrics/{host.Provider}: {accounts.Count} accounts, {videos.Count} videos, campaign launched to start at {start:O}");
        return new Setup(agencyId, key, id, videos, products, accounts.Select(a => a.Id).ToList());
    }

    private sealed record Published(string Id, DateTimeOffset PublishedAt);

    private static async Task<List<Published>> PublishedPushesAsync(ApiClient api, Setup s, int n, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow.AddMinutes(5);
        while (true)
        {
            var campaign = await api.GetJsonAsync($"v1/campaigns/{s.CampaignId}", s.Key, cancellationToken);
            if (campaign["status"]!.GetValue<string>() == "completed")
            {
                if (campaign["progress"]!["published"]!.GetValue<int>() != n)
                {
                    throw new BenchmarkFailedException($"completed with progress {campaign["progress"]!.ToJsonString()}; expected all {n} published");
                }
                break;
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new BenchmarkFailedException($"the campaign did not complete in 5 minutes: {campaign["progress"]!.ToJsonString()}");
            }
            await Task.Delay(1000, cancellationToken);
        }
        var pushes = new List<Published>(n);
        await foreach (var item in PagesAsync(api, s, cancellationToken))
        {
            pushes.Add(new Published(item["id"]!.GetValue<string>(), item["publishedAt"]!.GetValue<DateTimeOffset>()));
        }
        if (pushes.Count != n || pushes.Select(p => p.Id).Distinct().Count() != n)
        {
            throw new BenchmarkFailedException($"listed {pushes.Count} published pushes ({pushes.Select(p => p.Id).Distinct().Count()} distinct); expected {n}");
        }
        return pushes;
    }

    private static async IAsyncEnumerable<JsonNode> PagesAsync(ApiClient api, Setup s, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? cursor = null;
        do
        {
            var page = await api.GetJsonAsync($"v1/campaigns/{s.CampaignId}/pushes?status=published&limit=500"
                + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), s.Key, cancellationToken);
            foreach (var item in page["items"]!.AsArray())
            {
                yield return item!;
            }
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
    }

    /// <summary>The feed's rounds, read from the snapshot history the feed wrote for this agency.</summary>
    private async Task ReportFeedAsync(BenchContext context, ProviderHost host, Setup s, Options o, CancellationToken cancellationToken)
    {
        await using var connection = await host.OpenDatabaseAsync(cancellationToken);
        var rounds = new List<(long At, long Count, long Elapsed)>();
        await using (var command = Command(connection, "SELECT at, COUNT(*), MAX(received_at) - at FROM push_metrics WHERE agency_id = @agency GROUP BY at ORDER BY at", s.AgencyId))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rounds.Add((Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture),
                    Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture)));
            }
        }
        long fed;
        await using (var command = Command(connection, "SELECT COUNT(DISTINCT push_id) FROM push_metrics WHERE agency_id = @agency", s.AgencyId))
        {
            fed = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }
        var full = rounds.Where(r => r.Count >= 0.9 * o.Pushes).ToList();
        if (full.Count == 0 || fed != o.Pushes)
        {
            throw new BenchmarkFailedException($"the sandbox feed fed {fed} of {o.Pushes} pushes in {rounds.Count} rounds, none covering 90 % of them "
                + $"(largest {(rounds.Count == 0 ? 0 : rounds.Max(r => r.Count))})");
        }
        var elapsed = full.Select(r => (double)r.Elapsed).ToList();
        context.Report.Add(Name, $"sandbox feed round over {o.Pushes:N0} posts, p50, {host.Label}", Stats.Median(elapsed), "ms",
            $"{full.Count} rounds recorded ≥ 90 % of the posts (max {elapsed.Max():N0} ms; {rounds.Count} rounds in all, every push fed); "
            + $"first read to last page written, {Campaigns.Sandbox.SandboxFeed.PageSize:N0} posts per transaction; period {o.FeedSeconds} s, time scale {TimeScale:N0}", format: "N0");
    }

    private static DbCommand Command(DbConnection connection, string sql, string agencyId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@agency";
        parameter.Value = agencyId;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>C clients, each owning every C-th push and posting its R snapshots in order; every one must be applied.</summary>
    private static async Task<(TimeSpan Elapsed, List<double> Latencies)> IngestAsync(
        ApiClient api, Setup s, List<Published> pushes, Options o, CancellationToken cancellationToken)
    {
        var t0 = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var latencies = new ConcurrentBag<double>();
        var failures = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, o.Clients).Select(c => Task.Run(async () =>
        {
            var mine = pushes.Where((_, i) => i % o.Clients == c).ToList();
            for (var k = 1; k <= o.Snapshots && failures.IsEmpty; k++)
            {
                foreach (var push in mine)
                {
                    var body = Snapshot(t0.AddMilliseconds(k), k);
                    var started = Stopwatch.GetTimestamp();
                    var (status, text) = await api.PostAsync($"v1/pushes/{push.Id}/metrics", s.Key, body, cancellationToken);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (status != HttpStatusCode.Accepted || !text.Contains("\"applied\":true", StringComparison.Ordinal))
                    {
                        failures.Enqueue($"snapshot {k} of {push.Id}: {(int)status} {BenchApi.Truncate(text)}");
                        break;
                    }
                }
            }
        }, cancellationToken)));
        clock.Stop();
        if (!failures.IsEmpty)
        {
            throw new BenchmarkFailedException($"{failures.Count} snapshots were not applied, e.g. {failures.First()}");
        }
        return (clock.Elapsed, latencies.ToList());
    }

    /// <summary>
    /// The same ingestion with <c>wrk</c> as the load generator (metrics-snapshots.lua), for --metrics-wrk-seconds: an
    /// HttpClient load generator on the same two cores spends about as much CPU per request as the host it measures,
    /// while pgbench's client is C; so the ratio to pgbench uses this figure, as the read figures do. Each wrk thread
    /// cycles through its own share of the pushes, one snapshot per push per cycle, counters rising every cycle. Checks:
    /// no non-2xx, every 2xx said applied, and the history grew by what wrk counted (plus at most one in flight per
    /// connection when it stopped).
    /// </summary>
    private async Task IngestWithWrkAsync(BenchContext context, ProviderHost host, Setup s, List<Published> pushes, Options o, CancellationToken cancellationToken)
    {
        var file = Path.Combine(Path.GetTempPath(), $"campaigns-bench-pushes-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(file, pushes.Select(p => p.Id), cancellationToken);
        try
        {
            BenchContext.Log($"metrics/{host.Provider}: ingesting with wrk for {o.WrkSeconds} s, {o.Clients} connections");
            var before = await HistoryAsync(host, s.AgencyId, cancellationToken);
            var cpuBefore = host.Process.CpuTime;
            var pgBefore = host.Provider == "postgresql" ? context.Postgres?.CpuTime() : null;
            var at0 = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var run = await Wrk.RunAsync(host.Process.BaseAddress, null, o.Clients, o.WrkSeconds, cancellationToken, "metrics-snapshots.lua",
                [file, $"{Wrk.Threads(o.Clients)}", $"{o.Snapshots + 1}", $"{at0}", $"{Base}", s.Key]);
            var cpu = host.Process.CpuTime - cpuBefore;
            var pgCpu = context.Postgres?.CpuTime() - pgBefore;
            var notApplied = NotAppliedLine().Match(run.Output) is { Success: true } m
                ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
                : throw new BenchmarkFailedException($"wrk printed no 'not applied' line:\n{run.Output}");
            var written = await HistoryAsync(host, s.AgencyId, cancellationToken) - before;
            if (notApplied > 0 || written < run.Requests || written > run.Requests + o.Clients)
            {
                throw new BenchmarkFailedException($"wrk: {run.Requests:N0} snapshots answered, {notApplied} of them not applied; the history grew by {written:N0}");
            }
            context.Report.Add(Name, $"snapshots ingested/s through HTTP, wrk, {host.Label}", run.RequestsPerSecond, "/s",
                $"{run.Requests:N0} snapshots over {pushes.Count:N0} published pushes by wrk, {o.Clients} connections, {o.WrkSeconds} s; "
                + $"latency p50 {run.P50Ms:0.0} ms, p99 {run.P99Ms:0.0} ms; every one 2xx and applied, the history grew by {written:N0}; "
                + $"host used {cpu.TotalSeconds / o.WrkSeconds:0.00} cores",
                key: RateKey(host.Provider));
            context.Report.Add(Name, $"host CPU per snapshot, wrk, {host.Label}", cpu.TotalMilliseconds / run.Requests, "ms",
                "host process user+system CPU time ÷ snapshots wrk counted", format: "0.000");
            if (pgCpu is { } database)
            {
                context.Report.Add(Name, $"PostgreSQL CPU per snapshot, wrk, {host.Label}", database.TotalMilliseconds / run.Requests, "ms",
                    $"the whole cluster's CPU time during the run ÷ snapshots ({database.TotalSeconds / o.WrkSeconds:0.00} cores)", format: "0.000");
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<long> HistoryAsync(ProviderHost host, string agencyId, CancellationToken cancellationToken)
    {
        await using var connection = await host.OpenDatabaseAsync(cancellationToken);
        await using var command = Command(connection, "SELECT COUNT(*) FROM push_metrics WHERE agency_id = @agency", agencyId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^not applied: ([0-9]+)\s*$", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex NotAppliedLine();

    private static byte[] Snapshot(DateTimeOffset at, int k) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["at"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
        ["views"] = Base + 1_000 * k, ["likes"] = Base + 100 * k, ["comments"] = Base + 10 * k, ["shares"] = Base + k,
        ["clicks"] = Base + 20 * k, ["orders"] = Base + 2 * k, ["gmv"] = Base + 10m * k,
    }.ToJsonString());

    /// <summary>Every push shows the last snapshot sent, and the report's totals are their sum.</summary>
    private static async Task VerifyLatestAsync(ApiClient api, Setup s, List<Published> pushes, Options o, CancellationToken cancellationToken)
    {
        var expected = Base + 1_000L * o.Snapshots;
        var seen = 0;
        await foreach (var item in PagesAsync(api, s, cancellationToken))
        {
            seen++;
            if (item["metrics"]!["views"]!.GetValue<long>() != expected)
            {
                throw new BenchmarkFailedException($"push {item["id"]} shows {item["metrics"]!["views"]} views after ingestion; the last snapshot sent had {expected}");
            }
        }
        var report = await api.GetJsonAsync($"v1/campaigns/{s.CampaignId}/report", s.Key, cancellationToken);
        var views = report["totals"]!["stats"]!["views"]!.GetValue<long>();
        if (seen != pushes.Count || views != expected * pushes.Count)
        {
            throw new BenchmarkFailedException($"{seen} pushes listed, report totals {views} views; expected {pushes.Count} and {expected * pushes.Count}");
        }
    }

    /// <summary>Sequential GETs of the read side at N pushes, warm (one unmeasured request first).</summary>
    private async Task ReportQueriesAsync(BenchContext context, ApiClient api, ProviderHost host, Setup s, int n, Options o, CancellationToken cancellationToken)
    {
        var history = await HistoryAsync(host, s.AgencyId, cancellationToken);
        var queries = new (string Label, Func<int, string> Path)[]
        {
            ("campaign report (JSON)", _ => $"v1/campaigns/{s.CampaignId}/report"),
            ("campaign report (SVG)", _ => $"v1/campaigns/{s.CampaignId}/report.svg"),
            ("video with stats", i => $"v1/videos/{s.Videos[i % s.Videos.Count]}"),
            ("product with stats", i => $"v1/products/{s.Products[i % s.Products.Count]}"),
            ("account with stats", i => $"v1/accounts/{s.Accounts[i % s.Accounts.Count]}"),
        };
        foreach (var (label, path) in queries)
        {
            var times = new List<double>();
            var bytes = 0;
            for (var i = -1; i < o.Requests; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var (status, text) = await api.GetAsync(path(Math.Max(i, 0)), s.Key, cancellationToken);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (status != HttpStatusCode.OK)
                {
                    throw new BenchmarkFailedException($"GET /{path(0)} answered {(int)status}: {BenchApi.Truncate(text)}");
                }
                if (i >= 0)
                {
                    times.Add(ms);
                    bytes = text.Length;
                }
            }
            context.Report.Add(Name, $"{label} p50, {host.Label}", Stats.Median(times), "ms",
                $"p95 {Stats.Percentile(times, 95):0.0} ms, n={o.Requests} sequential; {n:N0} pushes, {history:N0} snapshots in their history; ~{bytes / 1024.0:0} KiB answer",
                format: "0.0");
        }
    }
}
