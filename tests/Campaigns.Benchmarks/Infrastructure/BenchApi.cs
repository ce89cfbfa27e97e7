using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Campaigns.Benchmarks.Infrastructure;

/// <summary>The few API calls the catalogue and matrix benchmarks share; every unexpected status fails the benchmark.</summary>
public static class BenchApi
{
    public static async Task<string> CreateAgencyAsync(ApiClient api, string adminKey, string name, CancellationToken cancellationToken) =>
        (await CreateAgencyWithIdAsync(api, adminKey, name, cancellationToken)).Key;

    public static async Task<(string Id, string Key)> CreateAgencyWithIdAsync(ApiClient api, string adminKey, string name, CancellationToken cancellationToken)
    {
        var node = await PostJsonAsync(api, adminKey, "v1/agencies", new JsonObject { ["name"] = name }, HttpStatusCode.Created, cancellationToken);
        return (node["id"]!.GetValue<string>(), node["apiKey"]!.GetValue<string>());
    }

    public static async Task<JsonNode> PostJsonAsync(ApiClient api, string key, string path, JsonNode body, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        var (status, text) = await api.PostAsync(path, key, Encoding.UTF8.GetBytes(body.ToJsonString()), cancellationToken);
        if (status != expected)
        {
            throw new BenchmarkFailedException($"POST /{path} answered {(int)status}, expected {(int)expected}: {Truncate(text)}");
        }
        return JsonNode.Parse(text)!;
    }

    /// <summary>
    /// Imports the accounts as CSV in one request, checks 201 with exactly one fresh id per row, and stores the ids in
    /// the accounts. Returns the wall time of the request.
    /// </summary>
    public static async Task<TimeSpan> ImportAsync(
        ApiClient api, string key, IReadOnlyList<SyntheticAccount> accounts, CancellationToken cancellationToken, string connector = "sandbox")
    {
        var body = SyntheticAccounts.Csv(accounts, connector: connector);
        var clock = Stopwatch.StartNew();
        var (status, text) = await api.PostAsync("v1/accounts/import", key, body, "text/csv", cancellationToken);
        clock.Stop();
        if (status != HttpStatusCode.Created)
        {
            throw new BenchmarkFailedException($"POST /v1/accounts/import ({accounts.Count} rows, {body.Length / 1024} KiB) answered {(int)status}: {Truncate(text)}");
        }
        var result = JsonNode.Parse(text)!;
        var ids = result["ids"]!.AsArray().Select(i => i!.GetValue<string>()).ToList();
        if (result["imported"]!.GetValue<int>() != accounts.Count || ids.Count != accounts.Count || ids.Distinct().Count() != accounts.Count)
        {
            throw new BenchmarkFailedException($"the import answered imported={result["imported"]}, {ids.Count} ids ({ids.Distinct().Count()} distinct) for {accounts.Count} rows");
        }
        for (var i = 0; i < ids.Count; i++)
        {
            accounts[i].Id = ids[i];
        }
        return clock.Elapsed;
    }

    /// <summary>
    /// Pages through <c>GET /v1/accounts?limit=500</c> and checks every imported row is listed exactly once with its
    /// id, handle and platform, and nothing else is.
    /// </summary>
    public static async Task VerifyAccountsListedAsync(ApiClient api, string key, IReadOnlyList<SyntheticAccount> accounts, CancellationToken cancellationToken)
    {
        var expected = accounts.ToDictionary(a => a.Id);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        for (var page = 0; page <= accounts.Count / 500 + 1; page++)
        {
            var node = await api.GetJsonAsync("v1/accounts?limit=500" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), key, cancellationToken);
            foreach (var item in node["items"]!.AsArray())
            {
                var id = item!["id"]!.GetValue<string>();
                if (!expected.TryGetValue(id, out var account) || !seen.Add(id)
                    || item["handle"]!.GetValue<string>() != account.Handle || item["platform"]!.GetValue<string>() != account.Platform)
                {
                    throw new BenchmarkFailedException($"GET /v1/accounts listed {id} ({item["handle"]}) unexpectedly, twice, or with other fields than imported");
                }
            }
            cursor = node["nextCursor"]?.GetValue<string>();
            if (cursor is null)
            {
                break;
            }
        }
        if (seen.Count != accounts.Count)
        {
            throw new BenchmarkFailedException($"GET /v1/accounts listed {seen.Count} of the {accounts.Count} imported accounts");
        }
    }

    /// <summary>A video every platform accepts (30 s, short caption), tagged from the vocabulary.</summary>
    public static async Task<string> CreateVideoAsync(ApiClient api, string key, int n, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["title"] = $"Bench video {n}",
            ["copy"] = "Synthetic benchmark video.",
            ["type"] = "product-showcase",
            ["durationSeconds"] = 30,
            ["tags"] = new JsonArray(tags.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
        };
        return (await PostJsonAsync(api, key, "v1/videos", body, HttpStatusCode.Created, cancellationToken))["id"]!.GetValue<string>();
    }

    public static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
