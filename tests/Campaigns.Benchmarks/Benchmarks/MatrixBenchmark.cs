using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Benchmarks.Infrastructure;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Common;

namespace Campaigns.Benchmarks.Benchmarks;

/// <summary>
/// A matrix campaign over 10,000 imported accounts, per provider: plan time (<c>POST …/plan</c>), durable launch time
/// (<c>POST …/launch</c> until 202), and firing lag (firedAt − scheduledAt, firedAt being when the sandbox connector was
/// called) of (a) a burst — stagger 0, one post per account — and (b) pushes spread <c>--matrix-spread-ms</c> apart
/// (<c>staggerMilliseconds</c>). Each scenario has its own agency, accounts and videos, so neither warms the other's
/// grains or fills the other's caps. (a) runs to completion first; (b) is created afterwards, its first instant
/// 5 s + twice (a)'s plan + launch time ahead. The first instant of (a) is <c>--matrix-lead-seconds</c> ahead of its
/// creation; the run fails if a launch ends less than 1 s before its first instant.
/// Checks: the plan has one push per account; the campaign completes with all N published, none failed, skipped or
/// cancelled; paging <c>…/pushes?status=published</c> yields N distinct pushes, one per account, each attempted
/// once and fired no earlier than 50 ms before its instant; the sandbox platform's table holds exactly one created
/// post per push, with the same platform post ids.
/// <para>
/// The planner never puts the same video on the same platform at the same instant (it nudges by 1 s), and a
/// campaign has at most 100 videos: so with 10 platforms at most 1,000 pushes share an instant, and the burst of
/// 10,000 is 10 instants 1 s apart (accounts are laid out so no other nudges happen). The spread is reported.
/// </para>
/// Options: --matrix-accounts N (10000), --matrix-videos V (100), --matrix-spread-ms S (10), --matrix-lead-seconds (45),
/// --matrix-deadline-seconds (240, after a scenario's last instant), --providers.
/// </summary>
public sealed class MatrixBenchmark : IBenchmark
{
    public const string Database = "bench_matrix";

    public static string LagKey(string provider, string scenario, string stat) => $"matrix.{provider}.{scenario}.lag.{stat}";

    public string Name => "matrix";

    public string Description => "matrix campaign over 10,000 accounts: plan and launch time, firing lag of a burst and of pushes 10 ms apart";

    private sealed record Options(int Accounts, int Videos, int SpreadMs, int LeadSeconds, int DeadlineSeconds);

    private sealed record Scenario(string Name, string AgencyId, string Key, List<SyntheticAccount> Accounts, List<string> Videos)
    {
        public string CampaignId { get; set; } = "";
        public List<DateTimeOffset> Planned { get; set; } = [];
    }

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = new Options(
            context.Options.Int("matrix-accounts", 10_000, max: 10_000),
            context.Options.Int("matrix-videos", 100, max: 100),
            context.Options.Int("matrix-spread-ms", 10, min: 0, max: 86_400_000),
            context.Options.Int("matrix-lead-seconds", 45, min: 5, max: 3600),
            context.Options.Int("matrix-deadline-seconds", 240, min: 10, max: 3600));
        foreach (var provider in ProviderHost.Providers(context))
        {
            await using var host = await ProviderHost.StartAsync(context, Name, provider, Database, null, cancellationToken);
            try
            {
                await RunProvider(context, host, options, cancellationToken);
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
        var label = host.Label;
        using var api = new ApiClient(host.Process.BaseAddress, 8);

        await WarmUpAsync(api, host, cancellationToken);

        // Account i posts video i mod V on platform (i / V) mod 10: each (platform, video) pair once per 10 × V accounts.
        var burst = await SetUpAsync(api, host, "burst", o, seed: 101, cancellationToken);
        var spread = await SetUpAsync(api, host, "spread", o, seed: 202, cancellationToken);

        // (a) then (b), one after the other: (b) is created once (a) has completed, so they never overlap. (b)'s lead
        // is sized from (a)'s own plan + launch time.
        var cpuBefore = host.Process.CpuTime;
        var clock = Stopwatch.StartNew();
        var (planA, launchA, firedA) = await RunScenarioAsync(api, host, burst, TimeSpan.FromSeconds(o.LeadSeconds), 0, null, o, cancellationToken);
        var leadB = TimeSpan.FromSeconds(5) + (planA + launchA) * 2;
        var (planB, launchB, firedB) = await RunScenarioAsync(api, host, spread, leadB, null, o.SpreadMs, o, cancellationToken);
        var cores = (host.Process.CpuTime - cpuBefore) / clock.Elapsed;

        context.Report.Add(Name, $"plan {burst.Accounts.Count:N0} pushes, {label}", planA.TotalMilliseconds, "ms",
            $"goal ≤ 1 s; POST /v1/campaigns/{{id}}/plan of the burst campaign; spread campaign: {planB.TotalMilliseconds:N0} ms", format: "N0");
        var alone = PlannerAlone(burst, TimeSpan.Zero);
        context.Report.Add(Name, $"in-process MatrixPlanner.Plan alone, {burst.Accounts.Count:N0} accounts, burst", alone.TotalMilliseconds, "ms",
            $"the pure planning step of the plan above, run in this process on the same accounts and videos (best of 3; no I/O, no JSON); "
            + $"spread: {PlannerAlone(spread, TimeSpan.FromMilliseconds(o.SpreadMs)).TotalMilliseconds:N0} ms", format: "N0");
        context.Report.Add(Name, $"launch {burst.Accounts.Count:N0} pushes (until 202), {label}", launchA.TotalMilliseconds, "ms",
            $"goal ≤ 5 s; pushes and triggers stored durably; spread campaign: {launchB.TotalMilliseconds:N0} ms", format: "N0");
        var instantsA = burst.Planned.Distinct().Count();
        var spanA = (burst.Planned.Max() - burst.Planned.Min()).TotalSeconds;
        var lastA = firedA.Max(p => p.FiredAt);
        ReportLag(context, host, "burst", firedA,
            $"{firedA.Count:N0} pushes at {instantsA} instants over {spanA:0} s (≤ 1,000 per instant: same video+platform never share one); "
            + $"last fired {(lastA - burst.Planned.Min()).TotalSeconds:0.0} s after the first instant");
        var spanB = (spread.Planned.Max() - spread.Planned.Min()).TotalSeconds;
        ReportLag(context, host, "spread", firedB,
            $"{firedB.Count:N0} pushes {o.SpreadMs} ms apart over {spanB:0.0} s (staggerMilliseconds)");
        context.Report.Add(Name, $"host CPU during both scenarios, {label}", cores, $"of {Environment.ProcessorCount} cores",
            "host process CPU ÷ wall time, from creating the burst campaign to verifying the spread one", format: "0.00");
    }

    private static async Task<(TimeSpan Plan, TimeSpan Launch, List<Fired> Fired)> RunScenarioAsync(
        ApiClient api, ProviderHost host, Scenario s, TimeSpan lead, int? staggerSeconds, int? staggerMs, Options o, CancellationToken cancellationToken)
    {
        var start = Truncate(DateTimeOffset.UtcNow + lead + TimeSpan.FromSeconds(1));
        var (plan, launch) = await CreatePlanLaunchAsync(api, s, start, staggerSeconds, staggerMs, cancellationToken);
        var margin = start - DateTimeOffset.UtcNow;
        if (margin < TimeSpan.FromSeconds(1))
        {
            throw new BenchmarkFailedException($"{s.Name}: launched only {margin.TotalSeconds:0.0} s before the first instant (plan {plan.TotalMilliseconds:N0} ms, "
                + $"launch {launch.TotalMilliseconds:N0} ms; need ≥ 1 s): raise --matrix-lead-seconds (now {o.LeadSeconds})");
        }
        BenchContext.Log($"matrix/{host.Provider}: {s.Name}: plan {plan.TotalMilliseconds:N0} ms, launch {launch.TotalMilliseconds:N0} ms, "
            + $"{margin.TotalSeconds:0.0} s before the first instant");
        var fired = await CollectAsync(api, host, s, o, cancellationToken);
        return (plan, launch, fired);
    }

    /// <summary>Times the domain planner alone on the scenario's accounts and videos (caps as imported), best of 3.</summary>
    private static TimeSpan PlannerAlone(Scenario s, TimeSpan stagger)
    {
        var accounts = s.Accounts.Select(a => new PlanningAccount(a.Id, WireName<Platform>.Parse(a.Platform), "Asia/Shanghai",
            new PostingCaps(10, 0, null), AccountStatus.Active)).ToList();
        var videos = s.Videos.Select(v => new PlanningVideo(v, 30, "Bench video", [], new Dictionary<Platform, PlanningVariant>())).ToList();
        var request = new MatrixRequest(accounts, videos, DateTimeOffset.UtcNow.AddDays(1), stagger, 1);
        var best = TimeSpan.MaxValue;
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            var plan = MatrixPlanner.Plan(request);
            clock.Stop();
            if (plan.Pushes.Count != accounts.Count)
            {
                throw new BenchmarkFailedException($"{s.Name}: the in-process planner planned {plan.Pushes.Count} pushes for {accounts.Count} accounts");
            }
            best = clock.Elapsed < best ? clock.Elapsed : best;
        }
        return best;
    }

    /// <summary>A small campaign end to end first, so the measured ones do not pay for JIT and first activations.</summary>
    private static async Task WarmUpAsync(ApiClient api, ProviderHost host, CancellationToken cancellationToken)
    {
        var (_, key) = await BenchApi.CreateAgencyWithIdAsync(api, host.AdminKey, "Matrix warm-up", cancellationToken);
        var accounts = SyntheticAccounts.Generate(20, seed: 5, "mwarm", i => SyntheticAccounts.Platforms[i % 10]);
        await BenchApi.ImportAsync(api, key, accounts, cancellationToken);
        var videos = new List<string>();
        for (var v = 0; v < 2; v++)
        {
            videos.Add(await BenchApi.CreateVideoAsync(api, key, v, ["beauty"], cancellationToken));
        }
        var scenario = new Scenario("warm-up", "", key, accounts, videos);
        await CreatePlanLaunchAsync(api, scenario, DateTimeOffset.UtcNow.AddSeconds(3), 0, null, cancellationToken);
        await WaitCompletedAsync(api, scenario, DateTimeOffset.UtcNow.AddSeconds(60), cancellationToken);
    }

    private static async Task<Scenario> SetUpAsync(ApiClient api, ProviderHost host, string name, Options o, int seed, CancellationToken cancellationToken)
    {
        var (agencyId, key) = await BenchApi.CreateAgencyWithIdAsync(api, host.AdminKey, $"Matrix {name}", cancellationToken);
        var platforms = SyntheticAccounts.Platforms;
        var accounts = SyntheticAccounts.Generate(o.Accounts, seed, $"m{name}", i => platforms[i / o.Videos % platforms.Length]);
        var importTime = await BenchApi.ImportAsync(api, key, accounts, cancellationToken);
        var vocabulary = SyntheticAccounts.Vocabulary();
        var videos = new List<string>();
        for (var v = 0; v < o.Videos; v++)
        {
            videos.Add(await BenchApi.CreateVideoAsync(api, key, v, [vocabulary[v % vocabulary.Count]], cancellationToken));
        }
        BenchContext.Log($"matrix/{host.Provider}: {name}: imported {accounts.Count} accounts in {importTime.TotalSeconds:0.00} s, created {videos.Count} videos");
        return new Scenario(name, agencyId, key, accounts, videos);
    }

    private static DateTimeOffset Truncate(DateTimeOffset instant) => DateTimeOffset.FromUnixTimeSeconds(instant.ToUnixTimeSeconds());

    /// <summary>Creates the campaign, then times plan and launch; checks one planned push per account.</summary>
    private static async Task<(TimeSpan Plan, TimeSpan Launch)> CreatePlanLaunchAsync(
        ApiClient api, Scenario s, DateTimeOffset startAt, int? staggerSeconds, int? staggerMs, CancellationToken cancellationToken)
    {
        var strategy = new JsonObject
        {
            ["kind"] = "matrix",
            ["accounts"] = new JsonObject { ["ids"] = new JsonArray(s.Accounts.Select(a => (JsonNode)JsonValue.Create(a.Id)!).ToArray()) },
            ["startAt"] = startAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
            ["postsPerAccount"] = 1,
        };
        if (staggerSeconds is { } seconds)
        {
            strategy["staggerSeconds"] = seconds;
        }
        if (staggerMs is { } ms)
        {
            strategy["staggerMilliseconds"] = ms;
        }
        var body = new JsonObject
        {
            ["name"] = $"Bench {s.Name}",
            ["brand"] = "bench",
            ["timeZone"] = "Asia/Shanghai",
            ["videoIds"] = new JsonArray(s.Videos.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()),
            ["strategy"] = strategy,
        };
        s.CampaignId = (await BenchApi.PostJsonAsync(api, s.Key, "v1/campaigns", body, HttpStatusCode.Created, cancellationToken))["id"]!.GetValue<string>();

        var clock = Stopwatch.StartNew();
        var plan = await BenchApi.PostJsonAsync(api, s.Key, $"v1/campaigns/{s.CampaignId}/plan", new JsonObject(), HttpStatusCode.OK, cancellationToken);
        var planTime = clock.Elapsed;
        var pushes = plan["pushes"]!.AsArray();
        var planned = pushes.Select(p => (Account: p!["accountId"]!.GetValue<string>(), At: p["scheduledAt"]!.GetValue<DateTimeOffset>())).ToList();
        if (planned.Count != s.Accounts.Count || planned.Select(p => p.Account).Distinct().Count() != s.Accounts.Count
            || plan["warnings"]!.AsArray().Count != 0)
        {
            throw new BenchmarkFailedException($"{s.Name}: the plan has {planned.Count} pushes for {planned.Select(p => p.Account).Distinct().Count()} accounts "
                + $"and {plan["warnings"]!.AsArray().Count} warnings; expected one push per account ({s.Accounts.Count}) and none");
        }
        s.Planned = planned.Select(p => p.At).ToList();

        clock.Restart();
        var launched = await BenchApi.PostJsonAsync(api, s.Key, $"v1/campaigns/{s.CampaignId}/launch", new JsonObject(), HttpStatusCode.Accepted, cancellationToken);
        var launchTime = clock.Elapsed;
        if (launched["status"]!.GetValue<string>() != "scheduled" || launched["progress"]!["planned"]!.GetValue<int>() != s.Accounts.Count
            || launched["progress"]!["scheduled"]!.GetValue<int>() != s.Accounts.Count)
        {
            throw new BenchmarkFailedException($"{s.Name}: the launch answered {BenchApi.Truncate(launched.ToJsonString())}");
        }
        return (planTime, launchTime);
    }

    private static async Task<JsonNode> WaitCompletedAsync(ApiClient api, Scenario s, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            var campaign = await api.GetJsonAsync($"v1/campaigns/{s.CampaignId}", s.Key, cancellationToken);
            if (campaign["status"]!.GetValue<string>() == "completed")
            {
                return campaign;
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new BenchmarkFailedException($"{s.Name}: not completed by {deadline:O}: status {campaign["status"]}, progress {campaign["progress"]!.ToJsonString()}");
            }
            await Task.Delay(1000, cancellationToken);
        }
    }

    private sealed record Fired(string AccountId, DateTimeOffset ScheduledAt, DateTimeOffset FiredAt, DateTimeOffset PublishedAt);

    /// <summary>Waits for completion (bounded), then pages through the published pushes and checks everything.</summary>
    private static async Task<List<Fired>> CollectAsync(ApiClient api, ProviderHost host, Scenario s, Options o, CancellationToken cancellationToken)
    {
        var n = s.Accounts.Count;
        var campaign = await WaitCompletedAsync(api, s, s.Planned.Max().AddSeconds(o.DeadlineSeconds), cancellationToken);
        var progress = campaign["progress"]!;
        if (progress["planned"]!.GetValue<int>() != n || progress["published"]!.GetValue<int>() != n
            || new[] { "scheduled", "failed", "cancelled", "skipped" }.Any(k => progress[k]!.GetValue<int>() != 0))
        {
            throw new BenchmarkFailedException($"{s.Name}: completed with progress {progress.ToJsonString()}; expected all {n} published");
        }

        var fired = new List<Fired>(n);
        var pushIds = new HashSet<string>(StringComparer.Ordinal);
        var postIds = new Dictionary<string, string>(StringComparer.Ordinal);
        string? cursor = null;
        for (var page = 0; page <= n / 500 + 1; page++)
        {
            var node = await api.GetJsonAsync($"v1/campaigns/{s.CampaignId}/pushes?status=published&limit=500"
                + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), s.Key, cancellationToken);
            foreach (var item in node["items"]!.AsArray())
            {
                var id = item!["id"]!.GetValue<string>();
                if (!pushIds.Add(id))
                {
                    throw new BenchmarkFailedException($"{s.Name}: push {id} listed twice");
                }
                if (item["attempts"]!.GetValue<int>() != 1 || item["firedAt"] is null || item["publishedAt"] is null || item["platformPostId"] is null)
                {
                    throw new BenchmarkFailedException($"{s.Name}: push {id} is published with attempts {item["attempts"]}, firedAt {item["firedAt"]}, publishedAt {item["publishedAt"]}, post {item["platformPostId"]}");
                }
                postIds[id] = item["platformPostId"]!.GetValue<string>();
                fired.Add(new Fired(item["accountId"]!.GetValue<string>(), item["scheduledAt"]!.GetValue<DateTimeOffset>(),
                    item["firedAt"]!.GetValue<DateTimeOffset>(), item["publishedAt"]!.GetValue<DateTimeOffset>()));
            }
            cursor = node["nextCursor"]?.GetValue<string>();
            if (cursor is null)
            {
                break;
            }
        }
        var accounts = fired.Select(f => f.AccountId).ToHashSet(StringComparer.Ordinal);
        if (fired.Count != n || !accounts.SetEquals(s.Accounts.Select(a => a.Id)))
        {
            throw new BenchmarkFailedException($"{s.Name}: {fired.Count} published pushes listed for {accounts.Count} accounts; expected {n}, one per account");
        }
        var early = fired.Where(f => f.FiredAt < f.ScheduledAt.AddMilliseconds(-50)).ToList();
        if (early.Count > 0)
        {
            throw new BenchmarkFailedException($"{s.Name}: {early.Count} pushes fired more than 50 ms before their instant, e.g. {early[0]}");
        }
        if (!fired.Select(f => f.ScheduledAt).Order().SequenceEqual(s.Planned.Order()))
        {
            throw new BenchmarkFailedException($"{s.Name}: the pushes' scheduledAt differ from the plan's");
        }
        await VerifySandboxAsync(host, s, postIds, cancellationToken);
        return fired;
    }

    /// <summary>The sandbox platform's own table: exactly one created post per push of this agency, same post ids.</summary>
    private static async Task VerifySandboxAsync(ProviderHost host, Scenario s, Dictionary<string, string> postIds, CancellationToken cancellationToken)
    {
        await using var connection = await host.OpenDatabaseAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT push_id, platform_post_id, created, attempts FROM sandbox_posts WHERE agency_id = @agency";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@agency";
        parameter.Value = s.AgencyId;
        command.Parameters.Add(parameter);
        var rows = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows++;
            var pushId = reader.GetString(0);
            var postId = reader.IsDBNull(1) ? null : reader.GetString(1);
            var created = Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture);
            var attempts = Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture);
            if (!postIds.TryGetValue(pushId, out var expected) || expected != postId || created != 1 || attempts != 1)
            {
                throw new BenchmarkFailedException($"{s.Name}: sandbox_posts has push {pushId} with post {postId}, created {created}, attempts {attempts}; the API said post {expected}");
            }
        }
        if (rows != postIds.Count)
        {
            throw new BenchmarkFailedException($"{s.Name}: sandbox_posts holds {rows} posts for the agency; {postIds.Count} pushes were published");
        }
    }

    private void ReportLag(BenchContext context, ProviderHost host, string scenario, List<Fired> fired, string notes)
    {
        var lags = fired.Select(f => (f.FiredAt - f.ScheduledAt).TotalMilliseconds).ToList();
        var published = fired.Select(f => (f.PublishedAt - f.ScheduledAt).TotalMilliseconds).ToList();
        var label = $"{scenario}, {host.Label}";
        var p50 = Stats.Percentile(lags, 50);
        var p99 = Stats.Percentile(lags, 99);
        var max = lags.Max();
        context.Report.Add(Name, $"firing lag p50, {label}", p50, "ms", notes, key: LagKey(host.Provider, scenario, "p50"), format: "N0");
        context.Report.Add(Name, $"firing lag p99, {label}", p99, "ms",
            $"goal ≤ 2,000 ms; firedAt − scheduledAt; all {fired.Count:N0} published once (API + sandbox table)", key: LagKey(host.Provider, scenario, "p99"), format: "N0");
        var instants = fired.GroupBy(f => f.ScheduledAt).OrderBy(g => g.Key).ToList();
        var shape = instants.Count <= 20
            ? "; p50 lag per instant: " + string.Join(" / ", instants.Select(g => Stats.Percentile(g.Select(f => (f.FiredAt - f.ScheduledAt).TotalMilliseconds).ToList(), 50).ToString("N0")))
            : "; p50 lag per tenth of the pushes: " + string.Join(" / ", fired.OrderBy(f => f.ScheduledAt).Chunk((fired.Count + 9) / 10)
                .Select(c => Stats.Percentile(c.Select(f => (f.FiredAt - f.ScheduledAt).TotalMilliseconds).ToList(), 50).ToString("N0")));
        context.Report.Add(Name, $"firing lag max, {label}", max, "ms",
            $"min {lags.Min():N0} ms; publishedAt − scheduledAt p99 {Stats.Percentile(published, 99):N0} ms{shape} ms",
            key: LagKey(host.Provider, scenario, "max"), format: "N0");
    }
}
