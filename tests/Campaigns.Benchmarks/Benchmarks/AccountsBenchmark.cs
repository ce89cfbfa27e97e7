using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Campaigns.Benchmarks.Infrastructure;

namespace Campaigns.Benchmarks.Benchmarks;

/// <summary>
/// Accounts created per second through HTTP (<c>POST /v1/accounts</c>) against a spawned host process, on SQLite and
/// on PostgreSQL (a fresh database on the throwaway cluster). A warm-up agency creates a few accounts first
/// (JIT, pools, grain activation paths), then a fresh agency creates N with C concurrent workers. Every response
/// must be 201 and <c>GET /v1/accounts</c> must page through exactly the N handles, or the benchmark fails.
/// Then wrk (creations-loop.lua, a fresh handle per request) creates accounts for a fresh agency for S seconds with C
/// connections: an HttpClient load generator on the same two cores spends about as much CPU per request as the host it
/// measures, while pgbench's client is C, so the ratio to pgbench uses this figure (as the read and snapshot figures
/// do). Every answer must be 2xx and the agency's list must hold what wrk counted (plus at most one in flight per
/// connection when it stopped).
/// Options: --accounts N (2000), --concurrency C (16), --warmup W (200), --accounts-wrk-seconds S (20; 0 skips it),
/// --providers sqlite,postgresql.
/// </summary>
public sealed class AccountsBenchmark : IBenchmark
{
    public const string Database = "bench_accounts";

    /// <summary>Report key of the accounts/s figure for a provider (<c>sqlite</c>, <c>postgresql</c>).</summary>
    public static string RateKey(string provider) => $"accounts.{provider}.rate";

    /// <summary>Report key of the accounts/s figure with wrk as the load generator (the ratio's figure).</summary>
    public static string WrkRateKey(string provider) => $"accounts.{provider}.rate.wrk";

    public string Name => "accounts";

    public string Description => "accounts created per second over HTTP on SQLite and PostgreSQL, verified by listing them back";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var count = context.Options.Int("accounts", 2000, max: 1_000_000);
        var concurrency = context.Options.Int("concurrency", 16, max: 1024);
        var warmup = context.Options.Int("warmup", 200, min: 0, max: 100_000);
        var wrkSeconds = context.Options.Int("accounts-wrk-seconds", 20, min: 0, max: 600);
        var providers = context.Options.String("providers", "sqlite,postgresql")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.ToLowerInvariant()).ToArray();

        foreach (var provider in providers)
        {
            await RunProvider(context, provider, count, concurrency, warmup, wrkSeconds, cancellationToken);
        }
    }

    private async Task RunProvider(BenchContext context, string provider, int count, int concurrency, int warmup, int wrkSeconds, CancellationToken cancellationToken)
    {
        var adminKey = "adm_bench_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var workDir = Directory.CreateTempSubdirectory($"campaigns-bench-accounts-{provider}.");
        var environment = new Dictionary<string, string>
        {
            ["Campaigns__DataDirectory"] = Path.Combine(workDir.FullName, "data"),
            ["Campaigns__AdminKey"] = adminKey,
        };
        string label;
        switch (provider)
        {
            case "sqlite":
                label = "SQLite";
                break;
            case "postgresql":
                var pg = context.RequirePostgres(Name + " on PostgreSQL");
                await pg.CreateFreshDatabaseAsync(Database, cancellationToken);
                environment["Campaigns__Storage__Provider"] = "PostgreSql";
                environment["ConnectionStrings__Campaigns"] = pg.ConnectionString(Database);
                label = "PostgreSQL";
                break;
            default:
                throw new ArgumentException($"--providers: unknown provider '{provider}' (sqlite, postgresql)");
        }

        var keep = false;
        await using (var host = HostProcess.Start(context.Host, workDir.FullName, environment, "host"))
        {
            try
            {
                await host.WaitReadyAsync(cancellationToken);
                using var api = new ApiClient(host.BaseAddress, concurrency + 4);

                if (warmup > 0)
                {
                    var warmKey = await CreateAgency(api, adminKey, "Bench Warmup", cancellationToken);
                    var warm = await CreateAccounts(api, warmKey, "warm", warmup, concurrency, cancellationToken);
                    Verify(warm, warmup, "warm-up");
                    BenchContext.Log($"accounts/{provider}: warm-up {warmup} accounts in {warm.Elapsed.TotalMilliseconds:0} ms");
                }

                var apiKey = await CreateAgency(api, adminKey, "Bench Agency", cancellationToken);
                var cpuBefore = host.CpuTime;
                var pgBefore = provider == "postgresql" ? context.Postgres?.CpuTime() : null;
                var result = await CreateAccounts(api, apiKey, "acct", count, concurrency, cancellationToken);
                var hostCores = (host.CpuTime - cpuBefore) / result.Elapsed;
                var pgCpu = context.Postgres?.CpuTime() - pgBefore;
                Verify(result, count, "measured run");
                await VerifyListed(api, apiKey, result.Handles, cancellationToken);

                var rate = count / result.Elapsed.TotalSeconds;
                var notes = $"N={count}, C={concurrency}, {result.Elapsed.TotalSeconds:0.00} s, all 201, listed back exactly N";
                context.Report.Add(Name, $"accounts/s, {label}", rate, "/s", notes, key: RateKey(provider), format: "N1");
                context.Report.Add(Name, $"latency p50, {label}", Stats.Percentile(result.LatenciesMs, 50), "ms", "", format: "0.0");
                context.Report.Add(Name, $"latency p99, {label}", Stats.Percentile(result.LatenciesMs, 99), "ms",
                    $"max {result.LatenciesMs.Max():0.0} ms", format: "0.0");
                context.Report.Add(Name, $"host CPU during the run, {label}", hostCores, $"of {Environment.ProcessorCount} cores",
                    "host process user+system CPU time ÷ wall time (excludes PostgreSQL and the load generator)", format: "0.00");
                context.Report.Add(Name, $"host CPU per account, {label}", hostCores * result.Elapsed.TotalMilliseconds / count, "ms",
                    "host process user+system CPU time ÷ accounts created; goal ≤ 0.5 ms", format: "0.00");
                if (pgCpu is { } database)
                {
                    context.Report.Add(Name, $"PostgreSQL CPU per account, {label}", database.TotalMilliseconds / count, "ms",
                        $"the whole cluster's CPU time during the run ÷ accounts created ({database.TotalSeconds / result.Elapsed.TotalSeconds:0.00} cores)", format: "0.00");
                }
                if (wrkSeconds > 0)
                {
                    await CreateWithWrkAsync(context, host, api, adminKey, provider, label, concurrency, wrkSeconds, cancellationToken);
                }
            }
            catch
            {
                keep = true;
                BenchContext.Log($"accounts/{provider}: host log kept at {host.LogPath}; last lines:\n{host.Tail()}");
                throw;
            }
        }
        if (!keep)
        {
            workDir.Delete(recursive: true);
        }
    }

    /// <summary>wrk creates accounts for a fresh agency for <paramref name="seconds"/>; the list must hold what it counted.</summary>
    private async Task CreateWithWrkAsync(BenchContext context, HostProcess host, ApiClient api, string adminKey, string provider, string label,
        int connections, int seconds, CancellationToken cancellationToken)
    {
        var key = await CreateAgency(api, adminKey, "Bench Agency wrk", cancellationToken);
        BenchContext.Log($"accounts/{provider}: creating with wrk for {seconds} s, {connections} connections");
        var cpuBefore = host.CpuTime;
        var pgBefore = provider == "postgresql" ? context.Postgres?.CpuTime() : null;
        var run = await Wrk.RunAsync(host.BaseAddress, null, connections, seconds, cancellationToken, "creations-loop.lua", ["wrk", key]);
        var cpu = host.CpuTime - cpuBefore;
        var pgCpu = context.Postgres?.CpuTime() - pgBefore;
        long listed = 0;
        await foreach (var _ in ListedAsync(api, key, maxItems: run.Requests + connections + 1, cancellationToken))
        {
            listed++;
        }
        if (listed < run.Requests || listed > run.Requests + connections)
        {
            throw new BenchmarkFailedException($"wrk: {run.Requests:N0} accounts answered 2xx, but the agency lists {listed:N0}");
        }
        context.Report.Add(Name, $"accounts/s, wrk, {label}", run.RequestsPerSecond, "/s",
            $"{run.Requests:N0} created by wrk, {connections} connections, {seconds} s, after the runs above; latency p50 {run.P50Ms:0.0} ms, "
            + $"p99 {run.P99Ms:0.0} ms; all 2xx, {listed:N0} listed back; host used {cpu.TotalSeconds / seconds:0.00} cores",
            key: WrkRateKey(provider), format: "N1");
        context.Report.Add(Name, $"host CPU per account, wrk, {label}", cpu.TotalMilliseconds / run.Requests, "ms",
            "host process user+system CPU time ÷ accounts wrk counted; goal ≤ 0.5 ms", format: "0.00");
        if (pgCpu is { } database)
        {
            context.Report.Add(Name, $"PostgreSQL CPU per account, wrk, {label}", database.TotalMilliseconds / run.Requests, "ms",
                $"the whole cluster's CPU time during the run ÷ accounts ({database.TotalSeconds / seconds:0.00} cores)", format: "0.00");
        }
    }

    private static async Task<string> CreateAgency(ApiClient api, string adminKey, string name, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(new JsonObject { ["name"] = name }.ToJsonString());
        var (status, text) = await api.PostAsync("v1/agencies", adminKey, body, cancellationToken);
        if (status != HttpStatusCode.Created)
        {
            throw new BenchmarkFailedException($"POST /v1/agencies answered {(int)status}: {text}");
        }
        return JsonNode.Parse(text)!["apiKey"]!.GetValue<string>();
    }

    private sealed record Batch(TimeSpan Elapsed, double[] LatenciesMs, int Created, Dictionary<string, int> Errors, string[] Handles);

    /// <summary>C workers take the next index until N are sent; bodies are serialized before the clock starts.</summary>
    private static async Task<Batch> CreateAccounts(ApiClient api, string apiKey, string prefix, int count, int concurrency, CancellationToken cancellationToken)
    {
        var tag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var handles = Enumerable.Range(0, count).Select(i => $"{prefix}_{tag}_{i:D7}").ToArray();
        var bodies = handles.Select(h => Encoding.UTF8.GetBytes(AccountBody(h).ToJsonString())).ToArray();
        var latencies = new double[count];
        var errors = new Dictionary<string, int>();
        var next = -1;
        var created = 0;

        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Math.Min(concurrency, count)).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                string? error;
                try
                {
                    var (status, text) = await api.PostAsync("v1/accounts", apiKey, bodies[i], cancellationToken);
                    error = status == HttpStatusCode.Created ? null : $"{(int)status}: {Truncate(text)}";
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    error = $"{ex.GetType().Name}: {ex.Message}";
                }
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (error is null)
                {
                    Interlocked.Increment(ref created);
                }
                else
                {
                    lock (errors)
                    {
                        errors[error] = errors.GetValueOrDefault(error) + 1;
                    }
                }
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers);
        clock.Stop();
        return new Batch(clock.Elapsed, latencies, created, errors, handles);
    }

    private static void Verify(Batch batch, int expected, string what)
    {
        if (batch.Created != expected || batch.Errors.Count > 0)
        {
            var top = string.Join("\n", batch.Errors.OrderByDescending(e => e.Value).Take(5).Select(e => $"  {e.Value}× {e.Key}"));
            throw new BenchmarkFailedException($"{what}: {batch.Created} of {expected} POST /v1/accounts answered 201; errors:\n{top}");
        }
    }

    /// <summary>Pages through <c>GET /v1/accounts</c> (bounded) and checks it holds exactly the handles sent.</summary>
    private static async Task VerifyListed(ApiClient api, string apiKey, string[] handles, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var items = 0;
        await foreach (var item in ListedAsync(api, apiKey, maxItems: handles.Length + 1, cancellationToken))
        {
            items++;
            ids.Add(item["id"]!.GetValue<string>());
            listed.Add(item["handle"]!.GetValue<string>());
        }
        if (items != handles.Length || ids.Count != handles.Length || !listed.SetEquals(handles))
        {
            throw new BenchmarkFailedException(
                $"GET /v1/accounts listed {items} items ({ids.Count} distinct ids, {listed.Count} distinct handles); expected exactly {handles.Length} created handles");
        }
    }

    /// <summary>
    /// The agency's accounts, paging through <c>GET /v1/accounts</c> 500 at a time; stops after the page that reaches
    /// <paramref name="maxItems"/>, so a list that keeps going cannot run the benchmark forever.
    /// </summary>
    private static async IAsyncEnumerable<JsonNode> ListedAsync(ApiClient api, string apiKey, long maxItems,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long items = 0;
        string? cursor = null;
        do
        {
            var path = "v1/accounts?limit=500" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var body = await api.GetJsonAsync(path, apiKey, cancellationToken);
            var page = body["items"]!.AsArray();
            foreach (var item in page)
            {
                items++;
                yield return item!;
            }
            cursor = body["nextCursor"]?.GetValue<string>();
            if (cursor is not null && page.Count == 0)
            {
                throw new BenchmarkFailedException($"GET /v1/accounts answered an empty page with a next cursor after {items} items");
            }
        }
        while (cursor is not null && items < maxItems);
    }

    /// <summary>A valid account, as in tests/Campaigns.Host.Tests/Support/Tenant.cs.</summary>
    internal static JsonObject AccountBody(string handle) => new()
    {
        ["platform"] = "douyin",
        ["handle"] = handle,
        ["displayName"] = "Display " + handle,
        ["brand"] = "acme",
        ["kind"] = "brand",
        ["persona"] = "skincare expert",
        ["audienceTags"] = new JsonObject { ["beauty"] = 0.9, ["Skincare"] = 0.6 },
        ["timeZone"] = "Asia/Shanghai",
        ["followers"] = 120000,
        ["caps"] = new JsonObject
        {
            ["maxPostsPerDay"] = 3,
            ["minGapMinutes"] = 60,
            ["quietHours"] = new JsonObject { ["from"] = "23:00", ["to"] = "07:00" },
        },
        ["connector"] = new JsonObject { ["type"] = "sandbox" },
    };

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
