using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Benchmarks.Infrastructure;

namespace Campaigns.Benchmarks.Benchmarks;

/// <summary>
/// Gate latency of celebrity tie-ins, per provider: C campaigns run side by side, each a celebrity and W later waves
/// of one account, every gate <c>minViews 1000</c> (and a 60-minute wait that never runs out). For each wave in turn
/// the runner posts the snapshot that makes the previous wave's gate hold (<c>POST /v1/pushes/{id}/metrics</c>, 10,000
/// views) and measures from just before that POST to the released wave's <c>publishedAt</c> (the sandbox connector's
/// clock, same machine). C × W gate openings in all.
/// Checks: before its gate's snapshot each later wave's push is still gated and scheduled; every released push
/// published after its snapshot was sent, with one attempt; every campaign completes with all pushes published and
/// exactly W <c>gate-opened</c> events in its timeline; the sandbox platform's table holds exactly one created post per
/// push. Options: --tiein-campaigns C (10), --tiein-waves W (4), --providers.
/// </summary>
public sealed class TieInBenchmark : IBenchmark
{
    public const string Database = "bench_tiein";

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);

    public static string LatencyKey(string provider, string stat) => $"tiein.{provider}.gate.{stat}";

    public string Name => "tiein";

    public string Description => "celebrity tie-ins: latency from the gate-opening snapshot to the next wave's first publish";

    private sealed record Rollout(string Id, List<string> PushIds);

    private sealed record Opening(double LatencyMs, double FiredMs);

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var campaigns = context.Options.Int("tiein-campaigns", 10, max: 200);
        var waves = context.Options.Int("tiein-waves", 4, max: 10);
        foreach (var provider in ProviderHost.Providers(context))
        {
            await using var host = await ProviderHost.StartAsync(context, Name, provider, Database, null, cancellationToken);
            try
            {
                await RunProvider(context, host, campaigns, waves, cancellationToken);
            }
            catch
            {
                host.Failed();
                throw;
            }
        }
    }

    private async Task RunProvider(BenchContext context, ProviderHost host, int campaigns, int waves, CancellationToken cancellationToken)
    {
        using var api = new ApiClient(host.Process.BaseAddress, campaigns + 4);
        var (agencyId, key) = await BenchApi.CreateAgencyWithIdAsync(api, host.AdminKey, "Tie-in bench", cancellationToken);
        var video = await BenchApi.CreateVideoAsync(api, key, 0, ["skincare"], cancellationToken);

        // One unmeasured rollout first, so the measured ones do not pay for JIT and first activations.
        await RunRolloutAsync(api, key, video, 1, cancellationToken);
        BenchContext.Log($"tiein/{host.Provider}: warm-up done; {campaigns} campaigns × {waves} waves");

        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, campaigns).Select(_ => RunRolloutAsync(api, key, video, waves, cancellationToken)));
        var openings = results.SelectMany(r => r.Openings).ToList();
        foreach (var (rollout, _) in results)
        {
            await VerifyCompletedAsync(api, key, rollout, waves, cancellationToken);
        }
        await VerifySandboxAsync(host, agencyId, results.Sum(r => r.Rollout.PushIds.Count) + 2, cancellationToken);
        BenchContext.Log($"tiein/{host.Provider}: {openings.Count} gate openings in {clock.Elapsed.TotalSeconds:0.0} s");

        var latencies = openings.Select(o => o.LatencyMs).ToList();
        var fired = openings.Select(o => o.FiredMs).ToList();
        var label = host.Label;
        context.Report.Add(Name, $"gate opening → next wave published p50, {label}", Stats.Percentile(latencies, 50), "ms",
            $"{openings.Count} gate openings ({campaigns} campaigns × {waves} waves, side by side); from just before the snapshot POST to the wave's publishedAt",
            key: LatencyKey(host.Provider, "p50"));
        context.Report.Add(Name, $"gate opening → next wave published p99, {label}", Stats.Percentile(latencies, 99), "ms",
            "snapshot → coalesced review (100 ms) → decision written → pushes ungated and re-timed → bucket trigger → claim → publish",
            key: LatencyKey(host.Provider, "p99"));
        context.Report.Add(Name, $"gate opening → next wave published max, {label}", latencies.Max(), "ms",
            $"min {latencies.Min():N0} ms; to firedAt (connector called): p50 {Stats.Percentile(fired, 50):N0} ms, p99 {Stats.Percentile(fired, 99):N0} ms",
            key: LatencyKey(host.Provider, "max"));
    }

    /// <summary>Launches one tie-in and opens its gates one after the other; returns the measured openings.</summary>
    private static async Task<(Rollout Rollout, List<Opening> Openings)> RunRolloutAsync(
        ApiClient api, string key, string video, int waves, CancellationToken cancellationToken)
    {
        var accounts = new List<string>();
        for (var i = 0; i <= waves; i++)
        {
            accounts.Add(await CreateAccountAsync(api, key, i == 0 ? "celebrity" : "influencer", cancellationToken));
        }
        var body = new JsonObject
        {
            ["name"] = "Bench tie-in",
            ["brand"] = "bench",
            ["timeZone"] = "Asia/Shanghai",
            ["videoIds"] = new JsonArray(video),
            ["strategy"] = new JsonObject
            {
                ["kind"] = "celebrityTieIn",
                ["celebrityAccountIds"] = new JsonArray(accounts[0]),
                ["startAt"] = DateTimeOffset.UtcNow.AddSeconds(2).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
                ["waves"] = new JsonArray(accounts.Skip(1).Select(a => (JsonNode)new JsonObject
                {
                    ["accounts"] = new JsonObject { ["ids"] = new JsonArray(a) },
                    ["gate"] = new JsonObject { ["minViews"] = 1000, ["maxWaitMinutes"] = 60 },
                }).ToArray()),
            },
        };
        var id = (await BenchApi.PostJsonAsync(api, key, "v1/campaigns", body, HttpStatusCode.Created, cancellationToken))["id"]!.GetValue<string>();
        await BenchApi.PostJsonAsync(api, key, $"v1/campaigns/{id}/launch", new JsonObject(), HttpStatusCode.Accepted, cancellationToken);
        var listed = (await api.GetJsonAsync($"v1/campaigns/{id}/pushes?limit=500", key, cancellationToken))["items"]!.AsArray();
        var byWave = listed.ToDictionary(p => p!["wave"]!.GetValue<int>(), p => p!["id"]!.GetValue<string>());
        if (byWave.Count != waves + 1 || listed.Count != waves + 1)
        {
            throw new BenchmarkFailedException($"tie-in {id}: launched {listed.Count} pushes over {byWave.Count} waves; expected one per wave, {waves + 1}");
        }
        var rollout = new Rollout(id, Enumerable.Range(0, waves + 1).Select(w => byWave[w]).ToList());

        await WaitPublishedAsync(api, key, rollout.PushIds[0], cancellationToken);
        var openings = new List<Opening>();
        for (var wave = 1; wave <= waves; wave++)
        {
            var next = await api.GetJsonAsync($"v1/pushes/{rollout.PushIds[wave]}", key, cancellationToken);
            if (next["status"]!.GetValue<string>() != "scheduled" || !next["gated"]!.GetValue<bool>())
            {
                throw new BenchmarkFailedException($"tie-in {id}: wave {wave} is {next["status"]} (gated {next["gated"]}) before its gate's snapshot");
            }
            var sent = DateTimeOffset.UtcNow;
            var snapshot = new JsonObject { ["at"] = sent.ToString("O"), ["views"] = 10_000, ["likes"] = 500 };
            await BenchApi.PostJsonAsync(api, key, $"v1/pushes/{rollout.PushIds[wave - 1]}/metrics", snapshot, HttpStatusCode.Accepted, cancellationToken);
            var published = await WaitPublishedAsync(api, key, rollout.PushIds[wave], cancellationToken);
            var publishedAt = published["publishedAt"]!.GetValue<DateTimeOffset>();
            if (publishedAt < sent || published["attempts"]!.GetValue<int>() != 1)
            {
                throw new BenchmarkFailedException($"tie-in {id}: wave {wave} published at {publishedAt:O} (attempts {published["attempts"]}), its gate's snapshot was sent at {sent:O}");
            }
            openings.Add(new Opening((publishedAt - sent).TotalMilliseconds, (published["firedAt"]!.GetValue<DateTimeOffset>() - sent).TotalMilliseconds));
        }
        return (rollout, openings);
    }

    private static async Task<JsonNode> WaitPublishedAsync(ApiClient api, string key, string pushId, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            var push = await api.GetJsonAsync($"v1/pushes/{pushId}", key, cancellationToken);
            var status = push["status"]!.GetValue<string>();
            if (status == "published")
            {
                return push;
            }
            if (status is not ("scheduled" or "publishing") || DateTimeOffset.UtcNow > deadline)
            {
                throw new BenchmarkFailedException($"push {pushId} is {status} (not published within 60 s): {BenchApi.Truncate(push.ToJsonString())}");
            }
            await Task.Delay(PollEvery, cancellationToken);
        }
    }

    /// <summary>Every push published, the campaign completed, one gate-opened event per wave.</summary>
    private static async Task VerifyCompletedAsync(ApiClient api, string key, Rollout rollout, int waves, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        JsonNode campaign;
        while ((campaign = await api.GetJsonAsync($"v1/campaigns/{rollout.Id}", key, cancellationToken))["status"]!.GetValue<string>() != "completed")
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new BenchmarkFailedException($"tie-in {rollout.Id}: not completed within 30 s of its last wave: {BenchApi.Truncate(campaign.ToJsonString())}");
            }
            await Task.Delay(PollEvery, cancellationToken);
        }
        if (campaign["progress"]!["published"]!.GetValue<int>() != waves + 1)
        {
            throw new BenchmarkFailedException($"tie-in {rollout.Id}: completed with progress {campaign["progress"]!.ToJsonString()}");
        }
        var events = (await api.GetJsonAsync($"v1/campaigns/{rollout.Id}/timeline", key, cancellationToken))["events"]!.AsArray();
        var opened = events.Count(e => e!["type"]!.GetValue<string>() == "gate-opened");
        if (opened != waves || events.Any(e => e!["type"]!.GetValue<string>().StartsWith("gate-timeout", StringComparison.Ordinal)))
        {
            throw new BenchmarkFailedException($"tie-in {rollout.Id}: {opened} gate-opened events for {waves} waves, or a timeout");
        }
    }

    /// <summary>The sandbox platform's own table: exactly one created post, one attempt, per push of the agency.</summary>
    private static async Task VerifySandboxAsync(ProviderHost host, string agencyId, int expected, CancellationToken cancellationToken)
    {
        await using var connection = await host.OpenDatabaseAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), SUM(created), SUM(attempts) FROM sandbox_posts WHERE agency_id = @agency";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@agency";
        parameter.Value = agencyId;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (rows, created, attempts) = (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
            Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture));
        if (rows != expected || created != expected || attempts != expected)
        {
            throw new BenchmarkFailedException($"sandbox_posts holds {rows} posts ({created} created, {attempts} attempts) for the agency; {expected} pushes were published once");
        }
    }

    private static async Task<string> CreateAccountAsync(ApiClient api, string key, string kind, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["platform"] = "douyin",
            ["handle"] = $"tiein_{Guid.NewGuid():N}"[..24],
            ["displayName"] = "Tie-in bench",
            ["brand"] = "bench",
            ["kind"] = kind,
            ["timeZone"] = "Asia/Shanghai",
            ["followers"] = 0,
            ["caps"] = new JsonObject { ["maxPostsPerDay"] = 20, ["minGapMinutes"] = 0 },
            ["connector"] = new JsonObject { ["type"] = "sandbox" },
        };
        return (await BenchApi.PostJsonAsync(api, key, "v1/accounts", body, HttpStatusCode.Created, cancellationToken))["id"]!.GetValue<string>();
    }
}
