using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Benchmarks.Infrastructure;

namespace Campaigns.Benchmarks.Benchmarks;

/// <summary>
/// The catalogue at 10,000 accounts, per provider: bulk import of N synthetic accounts as one CSV
/// (<c>POST /v1/accounts/import</c>; ~200-tag vocabulary, varied platforms, kinds and brands), then the latency of
/// <c>GET /v1/products/{id}/matches?limit=20</c> and of a filtered list <c>GET /v1/accounts?platform=douyin&amp;tag=…&amp;limit=50</c>,
/// sequential requests from one client, warm-up excluded. Checks: every row listed back exactly once; every ranking
/// equal (scores to 1e-9) to the one computed here from the generated data; every filtered page equal to the first
/// 50 matching rows in file order.
/// Options: --catalogue-accounts N (10000), --catalogue-requests R (200), --catalogue-warmup W (20), --providers.
/// </summary>
public sealed class CatalogueBenchmark : IBenchmark
{
    public const string Database = "bench_catalogue";
    private const int MatchLimit = 20, ListLimit = 50, Products = 5;

    public static string ImportRateKey(string provider) => $"catalogue.{provider}.import.rate";

    public string Name => "catalogue";

    public string Description => "bulk import of 10,000 accounts (CSV), then matches and filtered-list latency over them, on SQLite and PostgreSQL";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var count = context.Options.Int("catalogue-accounts", 10_000, max: 10_000);
        var requests = context.Options.Int("catalogue-requests", 200, max: 100_000);
        var warmup = context.Options.Int("catalogue-warmup", 20, min: 0, max: 10_000);
        foreach (var provider in ProviderHost.Providers(context))
        {
            await using var host = await ProviderHost.StartAsync(context, Name, provider, Database, null, cancellationToken);
            try
            {
                await RunProvider(context, host, count, requests, warmup, cancellationToken);
            }
            catch
            {
                host.Failed();
                throw;
            }
        }
    }

    private async Task RunProvider(BenchContext context, ProviderHost host, int count, int requests, int warmup, CancellationToken cancellationToken)
    {
        var label = host.Label;
        using var api = new ApiClient(host.Process.BaseAddress, 8);

        // Warm-up: a small import in another agency (JIT, pools, the import path), not measured.
        var warmKey = await BenchApi.CreateAgencyAsync(api, host.AdminKey, "Catalogue warm-up", cancellationToken);
        await BenchApi.ImportAsync(api, warmKey, SyntheticAccounts.Generate(200, seed: 7, "warm"), cancellationToken);

        var key = await BenchApi.CreateAgencyAsync(api, host.AdminKey, "Catalogue", cancellationToken);
        var accounts = SyntheticAccounts.Generate(count, seed: 42, "cat");
        var cpuBefore = host.Process.CpuTime;
        var elapsed = await BenchApi.ImportAsync(api, key, accounts, cancellationToken);
        var importCores = (host.Process.CpuTime - cpuBefore) / elapsed;
        var listing = Stopwatch.StartNew();
        await BenchApi.VerifyAccountsListedAsync(api, key, accounts, cancellationToken);
        BenchContext.Log($"catalogue/{host.Provider}: listed back {count} accounts (500 a page) in {listing.ElapsedMilliseconds:N0} ms");
        context.Report.Add(Name, $"import {count:N0} accounts (CSV, one request), {label}", elapsed.TotalSeconds, "s",
            $"goal ≤ 10 s; {count / elapsed.TotalSeconds:N0} accounts/s; host used {importCores:0.00} cores; every row listed back once",
            format: "0.00");
        context.Report.Add(Name, $"imported accounts/s, {label}", count / elapsed.TotalSeconds, "/s", "", key: ImportRateKey(host.Provider), format: "N0");

        // Products with 3 vocabulary tags (a common, a middling and a rarer one) and 2 hot keywords each.
        var vocabulary = SyntheticAccounts.Vocabulary();
        var products = new List<(string Id, Dictionary<string, double> Terms)>();
        for (var p = 0; p < Products; p++)
        {
            var tags = new[] { vocabulary[p], vocabulary[20 + p * 7], vocabulary[100 + p * 13] };
            var keywords = new[] { vocabulary[5 + p], vocabulary[60 + p * 3] };
            var body = new JsonObject
            {
                ["sku"] = $"BENCH-{p}",
                ["title"] = $"Bench product {p}",
                ["price"] = new JsonObject { ["amount"] = 99.0, ["currency"] = "CNY" },
                ["tags"] = new JsonArray(tags.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
                ["hotKeywords"] = new JsonArray(keywords.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
            };
            var id = (await BenchApi.PostJsonAsync(api, key, "v1/products", body, HttpStatusCode.Created, cancellationToken))["id"]!.GetValue<string>();
            var terms = keywords.ToDictionary(k => k, _ => 0.5);
            foreach (var tag in tags)
            {
                terms[tag] = 1.0;
            }
            products.Add((id, terms));
        }
        BenchContext.Log($"catalogue/{host.Provider}: created {Products} products in {listing.ElapsedMilliseconds:N0} ms since the import");
        var expectedRankings = products.Select(p => ExpectedRanking(accounts, p.Terms)).ToList();
        // What the ranking has to read: every (account, tag) row matching one of the product's terms.
        var tagRows = products.Select(p => accounts.Sum(a => a.Tags.Keys.Count(p.Terms.ContainsKey))).ToList();
        var candidates = products.Select(p => accounts.Count(a => a.Tags.Keys.Any(p.Terms.ContainsKey))).ToList();

        var matches = await MeasureAsync(requests, warmup, async i =>
        {
            var product = i % products.Count;
            var (status, text) = await api.GetAsync($"v1/products/{products[product].Id}/matches?limit={MatchLimit}", key, cancellationToken);
            return () => CheckRanking(status, text, expectedRankings[product], products[product].Id);
        });
        context.Report.Add(Name, $"matches p50, {label}", matches.P50, "ms", $"GET /v1/products/{{id}}/matches?limit={MatchLimit} over {count:N0} accounts, {Products} products, n={requests} sequential, warm-up {warmup} excluded", format: "0.0");
        context.Report.Add(Name, $"matches p95, {label}", matches.P95, "ms", $"goal ≤ 100 ms; every ranking equal to the one computed from the data", format: "0.0");
        context.Report.Add(Name, $"matches p99, {label}", matches.P99, "ms",
            $"max {matches.Max:0.0} ms; per product {string.Join("/", candidates.Select(c => c.ToString("N0")))} candidate accounts, "
            + $"{string.Join("/", tagRows.Select(c => c.ToString("N0")))} matching tag rows read and ranked per request", format: "0.0");

        // Filtered list: douyin accounts with one of a few tags of different popularity (each with ≥ 50 matches if possible).
        var listTags = new[] { vocabulary[0], vocabulary[3], vocabulary[10], vocabulary[25], vocabulary[50] };
        var expectedPages = listTags.Select(t => accounts.Where(a => a.Platform == "douyin" && a.Tags.ContainsKey(t)).Take(ListLimit).Select(a => a.Id).ToList()).ToList();
        var list = await MeasureAsync(requests, warmup, async i =>
        {
            var t = i % listTags.Length;
            var (status, text) = await api.GetAsync($"v1/accounts?platform=douyin&tag={Uri.EscapeDataString(listTags[t])}&limit={ListLimit}", key, cancellationToken);
            return () => CheckPage(status, text, expectedPages[t], listTags[t]);
        });
        context.Report.Add(Name, $"filtered list p50, {label}", list.P50, "ms",
            $"GET /v1/accounts?platform=douyin&tag=…&limit={ListLimit} over {count:N0} accounts, {listTags.Length} tags ({string.Join("/", expectedPages.Select(p => p.Count))} items), n={requests}, warm-up {warmup} excluded", format: "0.0");
        context.Report.Add(Name, $"filtered list p95, {label}", list.P95, "ms", $"goal ≤ 50 ms; every page equal to the first matching rows in file order; max {list.Max:0.0} ms", format: "0.0");
    }

    private sealed record Latency(double P50, double P95, double P99, double Max);

    /// <summary>Sequential requests; the check runs after the clock stops, so it is not timed.</summary>
    private static async Task<Latency> MeasureAsync(int requests, int warmup, Func<int, Task<Action>> request)
    {
        var sample = new double[requests];
        for (var i = -warmup; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var check = await request(i + warmup);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            check();
            if (i >= 0)
            {
                sample[i] = ms;
            }
        }
        return new Latency(Stats.Percentile(sample, 50), Stats.Percentile(sample, 95), Stats.Percentile(sample, 99), sample.Max());
    }

    /// <summary>The ranking the API must give: as documented in docs/api.md, computed from the generated data.</summary>
    private static List<(string Id, double Score)> ExpectedRanking(IEnumerable<SyntheticAccount> accounts, Dictionary<string, double> terms)
    {
        var total = terms.Values.Sum();
        return accounts
            .Select(a => (a.Id, Score: terms.Sum(t => t.Value * a.Tags.GetValueOrDefault(t.Key)) / total, a.Followers))
            .Where(m => m.Score > 0)
            .OrderByDescending(m => m.Score).ThenByDescending(m => m.Followers).ThenBy(m => m.Id, StringComparer.Ordinal)
            .Take(MatchLimit)
            .Select(m => (m.Id, m.Score))
            .ToList();
    }

    private static void CheckRanking(HttpStatusCode status, string text, List<(string Id, double Score)> expected, string productId)
    {
        if (status != HttpStatusCode.OK)
        {
            throw new BenchmarkFailedException($"GET matches of {productId} answered {(int)status}: {BenchApi.Truncate(text)}");
        }
        var items = JsonNode.Parse(text)!["items"]!.AsArray();
        var got = items.Select(m => (Id: m!["accountId"]!.GetValue<string>(), Score: m["score"]!.GetValue<double>())).ToList();
        // Scores must agree exactly (to rounding); ids may differ only between accounts whose scores tie to rounding.
        var same = got.Count == expected.Count && got.Zip(expected).All(p => Math.Abs(p.First.Score - p.Second.Score) < 1e-9);
        if (!same)
        {
            throw new BenchmarkFailedException($"matches of {productId}: got {got.Count} items [{string.Join(", ", got.Take(5).Select(g => $"{g.Id}:{g.Score:0.####}"))} …], "
                + $"expected {expected.Count} [{string.Join(", ", expected.Take(5).Select(g => $"{g.Id}:{g.Score:0.####}"))} …]");
        }
    }

    private static void CheckPage(HttpStatusCode status, string text, List<string> expected, string tag)
    {
        if (status != HttpStatusCode.OK)
        {
            throw new BenchmarkFailedException($"GET /v1/accounts?platform=douyin&tag={tag} answered {(int)status}: {BenchApi.Truncate(text)}");
        }
        var ids = JsonNode.Parse(text)!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();
        if (!ids.SequenceEqual(expected))
        {
            throw new BenchmarkFailedException($"GET /v1/accounts?platform=douyin&tag={tag}: {ids.Count} items, expected the first {expected.Count} matching rows in file order");
        }
    }
}
