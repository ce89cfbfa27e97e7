using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Benchmarks.Infrastructure;

namespace Campaigns.Benchmarks.Benchmarks;

/// <summary>
/// The read path against the cheapest request the same host answers, per provider:
/// <list type="number">
/// <item><c>wrk</c> with C connections for S seconds each (after S/3 s of unmeasured warm-up per URL) on
/// <c>GET /health/live</c> (no key, no grain, no SQL), then <c>GET /v1/accounts/{id}</c> of one account created with
/// <c>POST /v1/accounts</c>, then <c>GET /v1/accounts?limit=50</c> (one SQL list) for scale; req/s, p50/p99 and host
/// CPU per request of each, and the account ÷ liveness ratio;</item>
/// <item>memory per active account grain: N accounts imported (10,000 per request), then each activated with one
/// <c>GET /v1/accounts/{id}</c> (C clients); (RSS after − RSS before) ÷ N, RSS read after a 3 s settle each time.</item>
/// </list>
/// Checks: no non-2xx response in any wrk run; the account read back has the id and handle it was created with
/// before and after the load; every activating GET answered 200 with its own id.
/// Options: --reads-connections C (32), --reads-seconds S (10), --reads-grains N (100000; 0 skips), --providers.
/// </summary>
public sealed class ReadsBenchmark : IBenchmark
{
    public const string Database = "bench_reads";

    public static string AccountRateKey(string provider) => $"reads.{provider}.account";

    public static string LivenessRateKey(string provider) => $"reads.{provider}.live";

    public string Name => "reads";

    public string Description => "GET one account vs GET /health/live with wrk (C connections), and memory per activated account grain";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var connections = context.Options.Int("reads-connections", 32, max: 1024);
        var seconds = context.Options.Int("reads-seconds", 10, min: 3, max: 600);
        var grains = context.Options.Int("reads-grains", 100_000, min: 0, max: 1_000_000);
        foreach (var provider in ProviderHost.Providers(context))
        {
            await using var host = await ProviderHost.StartAsync(context, Name, provider, Database, null, cancellationToken);
            try
            {
                using var api = new ApiClient(host.Process.BaseAddress, connections + 4);
                var (agencyId, key) = await BenchApi.CreateAgencyWithIdAsync(api, host.AdminKey, "Reads", cancellationToken);
                await ThroughputAsync(context, host, api, key, connections, seconds, cancellationToken);
                if (grains > 0)
                {
                    await MemoryAsync(context, host, api, key, grains, connections, cancellationToken);
                }
                BenchContext.Log($"reads/{provider}: agency {agencyId} done");
            }
            catch
            {
                host.Failed();
                throw;
            }
        }
    }

    private async Task ThroughputAsync(BenchContext context, ProviderHost host, ApiClient api, string key, int connections, int seconds, CancellationToken cancellationToken)
    {
        const string handle = "reads_one";
        var created = await BenchApi.PostJsonAsync(api, key, "v1/accounts", AccountsBenchmark.AccountBody(handle), HttpStatusCode.Created, cancellationToken);
        var id = created["id"]!.GetValue<string>();
        // 60 more, so the list reference returns a full page of 50.
        await BenchApi.ImportAsync(api, key, SyntheticAccounts.Generate(60, seed: 11, "rl"), cancellationToken);
        await CheckAccountAsync(api, key, id, handle, cancellationToken);

        var urls = new (string Label, string Path, string? Bearer, string? Key)[]
        {
            ("GET /health/live", "health/live", null, LivenessRateKey(host.Provider)),
            ("GET /v1/accounts/{id}, one account", $"v1/accounts/{id}", key, AccountRateKey(host.Provider)),
            ("GET /v1/accounts?limit=50 (SQL list)", "v1/accounts?limit=50", key, null),
        };
        foreach (var (label, path, bearer, reportKey) in urls)
        {
            var url = new Uri(host.Process.BaseAddress, path);
            await Wrk.RunAsync(url, bearer, connections, Math.Max(2, seconds / 3), cancellationToken);
            var cpuBefore = host.Process.CpuTime;
            var run = await Wrk.RunAsync(url, bearer, connections, seconds, cancellationToken);
            var cpuPerRequest = (host.Process.CpuTime - cpuBefore).TotalMilliseconds * 1000 / run.Requests;
            var cores = (host.Process.CpuTime - cpuBefore) / run.Duration;
            context.Report.Add(Name, $"{label}, {host.Label}", run.RequestsPerSecond, "req/s",
                $"wrk -c {connections} -d {seconds}s: {run.Requests:N0} requests, all 2xx; p50 {run.P50Ms:0.00} ms, p99 {run.P99Ms:0.00} ms; "
                + $"host CPU {cpuPerRequest:N0} µs per request ({cores:0.00} cores)", key: reportKey);
        }
        await CheckAccountAsync(api, key, id, handle, cancellationToken);
    }

    private static async Task CheckAccountAsync(ApiClient api, string key, string id, string handle, CancellationToken cancellationToken)
    {
        var read = await api.GetJsonAsync($"v1/accounts/{id}", key, cancellationToken);
        if (read["id"]?.GetValue<string>() != id || read["handle"]?.GetValue<string>() != handle)
        {
            throw new BenchmarkFailedException($"GET /v1/accounts/{id} answered another account: {BenchApi.Truncate(read.ToJsonString())}");
        }
    }

    private async Task MemoryAsync(BenchContext context, ProviderHost host, ApiClient api, string key, int grains, int clients, CancellationToken cancellationToken)
    {
        var accounts = SyntheticAccounts.Generate(grains, seed: 12, "rm");
        foreach (var chunk in accounts.Chunk(10_000))
        {
            await BenchApi.ImportAsync(api, key, chunk, cancellationToken);
        }
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var before = host.Process.ResidentBytes;
        var next = -1;
        var failures = new ConcurrentQueue<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < accounts.Count && failures.IsEmpty)
            {
                var (status, body) = await api.GetAsync($"v1/accounts/{accounts[i].Id}", key, cancellationToken);
                if (status != HttpStatusCode.OK || JsonNode.Parse(body)?["id"]?.GetValue<string>() != accounts[i].Id)
                {
                    failures.Enqueue($"GET /v1/accounts/{accounts[i].Id} answered {(int)status}: {BenchApi.Truncate(body)}");
                }
            }
        }, cancellationToken)));
        clock.Stop();
        if (!failures.IsEmpty)
        {
            throw new BenchmarkFailedException(failures.First());
        }
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var after = host.Process.ResidentBytes;
        context.Report.Add(Name, $"memory per active account grain, {host.Label}", (after - before) / 1024.0 / grains, "KB",
            $"{grains:N0} imported accounts activated by one GET each ({grains / clock.Elapsed.TotalSeconds:N0}/s, {clients} clients, all 200); "
            + $"host RSS {before / 1048576.0:N0} → {after / 1048576.0:N0} MB; goal ≤ 20 KB", format: "0.0");
    }
}
