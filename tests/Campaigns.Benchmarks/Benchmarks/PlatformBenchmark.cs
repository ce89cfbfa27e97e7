using System.Diagnostics;
using Campaigns.Benchmarks.Infrastructure;

namespace Campaigns.Benchmarks.Benchmarks;

/// <summary>
/// N connected TikTok accounts publishing one push each at one instant against the TikTok fake, which waits
/// <c>--platform-latency-ms</c> before every answer. Per provider: a spawned host pointed at the fake; one agency imports
/// N accounts on the <c>tiktok</c> connector, each connected through the real OAuth flow (connect → the fake's
/// authorize page → the host's callback, which exchanges the code) with the fake answering at once; then 100 videos
/// whose <c>mediaUrl</c> is a generated file on the fakes' media server, and N/100 matrix campaigns of 100 accounts
/// (the planner never puts one video on one platform twice at an instant, and a campaign has at most 100 videos), all
/// at the same instant. The latency is switched on just before the launches. Reported: the spread of
/// publishedAt − scheduledAt (the host's own record of when TikTok said PUBLISH_COMPLETE), and of firedAt −
/// scheduledAt, total time, the host's CPU and the fake's calls per publish.
/// Checks: every campaign completes with every push published, attempts 1, a post id; the fake created exactly N
/// posts, one per consenting user, whose ids are the pushes' post ids; no token refresh was needed.
/// Options: --platform-accounts (1000), --platform-latency-ms (50), --platform-poll-ms (0 = the host's default
/// StatusPollInterval, 5 s), --platform-video-bytes (1000000), --platform-connect-workers (16),
/// --platform-lead-seconds (20), --platform-deadline-seconds (300), --providers.
/// </summary>
public sealed class PlatformBenchmark : IBenchmark
{
    public const string Database = "bench_platform";

    private const int VideosPerCampaign = 100;

    public string Name => "platform";

    public string Description => "1,000 connected TikTok accounts, one push each at one instant, against the TikTok fake at 50 ms per call";

    private sealed record Options(int Accounts, int LatencyMs, int PollMs, long VideoBytes, int Workers, int LeadSeconds, int DeadlineSeconds);

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var o = new Options(
            context.Options.Int("platform-accounts", 1000, max: 10_000),
            context.Options.Int("platform-latency-ms", 50, min: 0, max: 10_000),
            context.Options.Int("platform-poll-ms", 0, min: 0, max: 60_000),
            context.Options.Int("platform-video-bytes", 1_000_000, min: 1, max: 64_000_000),
            context.Options.Int("platform-connect-workers", 16, max: 256),
            context.Options.Int("platform-lead-seconds", 20, min: 5, max: 3600),
            context.Options.Int("platform-deadline-seconds", 300, min: 10, max: 3600));
        foreach (var provider in ProviderHost.Providers(context))
        {
            await using var rig = await TikTokRig.StartAsync();
            var poll = o.PollMs > 0 ? TimeSpan.FromMilliseconds(o.PollMs) : (TimeSpan?)null;
            var environment = rig.HostEnvironment(poll, null);
            // The host's own view of its calls to the fake (http_client_*), to tell the fake's queueing from the host's.
            environment["Campaigns__Telemetry__Prometheus"] = "true";
            await using var host = await ProviderHost.StartAsync(context, Name, provider, Database, environment, cancellationToken);
            try
            {
                await RunProvider(context, host, rig, o, cancellationToken);
            }
            catch
            {
                host.Failed();
                throw;
            }
        }
    }

    private async Task RunProvider(BenchContext context, ProviderHost host, TikTokRig rig, Options o, CancellationToken cancellationToken)
    {
        using var api = new ApiClient(host.Process.BaseAddress, o.Workers + 4);
        using var timings = new ServerTimings();
        var media = rig.Media.Video(o.VideoBytes);
        await WarmUpAsync(host, rig, api, media, o, cancellationToken);

        var key = await BenchApi.CreateAgencyAsync(api, host.AdminKey, "Platform bench", cancellationToken);
        var accounts = SyntheticAccounts.Generate(o.Accounts, seed: 303, "ptiktok", _ => "tiktok");
        await BenchApi.ImportAsync(api, key, accounts, cancellationToken, connector: "tiktok");
        var ids = accounts.Select(a => a.Id).ToList();
        var connectClock = Stopwatch.StartNew();
        await rig.ConnectAllAsync(api, host.Process.BaseAddress, key, ids, "bench", o.Workers, cancellationToken);
        var connectTime = connectClock.Elapsed;
        var connected = await TikTokRig.CountConnectedAsync(api, key, cancellationToken);
        if (connected != o.Accounts)
        {
            throw new BenchmarkFailedException($"{connected} of {o.Accounts} accounts show credential=connected after the OAuth flow");
        }
        BenchContext.Log($"platform/{host.Provider}: connected {o.Accounts} accounts through OAuth in {connectTime.TotalSeconds:0.0} s");
        context.Report.Add(Name, $"connect {o.Accounts:N0} accounts through OAuth, {host.Label}", connectTime.TotalSeconds, "s",
            $"POST …/connect → the fake's authorize page → GET /v1/oauth/tiktok/callback (code exchanged by the host), {o.Workers} in parallel "
            + $"(consent pages one at a time), fake latency 0; all {connected:N0} listed with credential=connected", format: "0.0");

        var videos = await PlatformCampaigns.CreateVideosAsync(api, key, VideosPerCampaign, media, cancellationToken);
        var (start, campaigns) = await LaunchAllAsync(api, key, ids, videos, o, host.Provider, rig, cancellationToken);
        var metricsBefore = await PrometheusScrape.ReadTextAsync(api, host.AdminKey, cancellationToken);
        var servedBefore = timings.Snapshot();
        var cpuBefore = host.Process.CpuTime;
        var cpuClock = Stopwatch.StartNew();
        var callsBefore = rig.ApiCalls;
        var refreshesBefore = rig.TikTok.Counters.Refreshes + rig.TikTok.Counters.RefusedRefreshes;
        var pushes = await CollectAsync(api, key, campaigns, start.AddSeconds(o.DeadlineSeconds), cancellationToken);
        var end = pushes.Max(p => p.PublishedAt);
        var cpu = (host.Process.CpuTime - cpuBefore, cpuClock.Elapsed);
        var calls = rig.ApiCalls - callsBefore;
        var refreshes = rig.TikTok.Counters.Refreshes + rig.TikTok.Counters.RefusedRefreshes - refreshesBefore;
        var served = timings.Snapshot();
        served = (served.Count - servedBefore.Count, served.TotalMs - servedBefore.TotalMs);
        var metricsAfter = await PrometheusScrape.ReadTextAsync(api, host.AdminKey, cancellationToken);
        var metricsFile = Path.Combine(context.Host.RepoRoot, "artifacts", "benchmarks", "logs", $"{Name}-{host.Provider}.metrics");
        await File.WriteAllTextAsync(metricsFile, metricsAfter, cancellationToken);
        Verify(rig, pushes, o, refreshes);
        ReportFigures(context, host, o, pushes, start, end, cpu, calls);
        ReportHostView(context, host, rig, metricsBefore, metricsAfter, served);
    }

    /// <summary>Five accounts through the whole path first (fake latency 0), so the measured run does not pay for JIT.</summary>
    private static async Task WarmUpAsync(ProviderHost host, TikTokRig rig, ApiClient api, Uri media, Options o, CancellationToken cancellationToken)
    {
        var (_, key) = await BenchApi.CreateAgencyWithIdAsync(api, host.AdminKey, "Platform warm-up", cancellationToken);
        var accounts = SyntheticAccounts.Generate(5, seed: 7, "pwarm", _ => "tiktok");
        await BenchApi.ImportAsync(api, key, accounts, cancellationToken, connector: "tiktok");
        var ids = accounts.Select(a => a.Id).ToList();
        await rig.ConnectAllAsync(api, host.Process.BaseAddress, key, ids, "warm", 2, cancellationToken);
        var videos = await PlatformCampaigns.CreateVideosAsync(api, key, ids.Count, media, cancellationToken);
        var start = DateTimeOffset.UtcNow.AddSeconds(2);
        var campaign = await PlatformCampaigns.LaunchAsync(api, key, "warm-up", ids, videos, start, cancellationToken);
        await PlatformCampaigns.WaitCompletedAsync(api, key, campaign, start.AddSeconds(Math.Max(60, o.DeadlineSeconds)), TimeSpan.FromMilliseconds(500), cancellationToken);
    }

    /// <summary>Launches N/100 campaigns sharing one instant, then switches the fake's latency on before that instant.</summary>
    private static async Task<(DateTimeOffset Start, List<(string Id, int Count)> Campaigns)> LaunchAllAsync(
        ApiClient api, string key, List<string> ids, List<string> videos, Options o, string provider, TikTokRig rig, CancellationToken cancellationToken)
    {
        var start = DateTimeOffset.FromUnixTimeSeconds((DateTimeOffset.UtcNow + TimeSpan.FromSeconds(o.LeadSeconds)).ToUnixTimeSeconds());
        var campaigns = new List<(string, int)>();
        var clock = Stopwatch.StartNew();
        foreach (var (group, n) in ids.Chunk(VideosPerCampaign).Select((g, n) => (g, n)))
        {
            campaigns.Add((await PlatformCampaigns.LaunchAsync(api, key, $"Platform bench {n}", group, videos, start, cancellationToken), group.Length));
        }
        rig.TikTok.Latency = TimeSpan.FromMilliseconds(o.LatencyMs);
        var margin = start - DateTimeOffset.UtcNow;
        BenchContext.Log($"platform/{provider}: launched {campaigns.Count} campaigns in {clock.Elapsed.TotalSeconds:0.0} s, {margin.TotalSeconds:0.0} s before the instant");
        if (margin < TimeSpan.FromSeconds(1))
        {
            throw new BenchmarkFailedException($"launched only {margin.TotalSeconds:0.0} s before the instant: raise --platform-lead-seconds (now {o.LeadSeconds})");
        }
        return (start, campaigns);
    }

    private static async Task<List<PublishedPush>> CollectAsync(
        ApiClient api, string key, List<(string Id, int Count)> campaigns, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var pushes = new List<PublishedPush>();
        foreach (var (id, count) in campaigns)
        {
            await PlatformCampaigns.WaitCompletedAsync(api, key, id, deadline, TimeSpan.FromMilliseconds(500), cancellationToken);
        }
        foreach (var (id, count) in campaigns)
        {
            pushes.AddRange(await PlatformCampaigns.PublishedAsync(api, key, id, count, cancellationToken));
        }
        return pushes;
    }

    /// <summary>The platform's side: exactly one created post per push, for the push's own user, with its post id.</summary>
    private static void Verify(TikTokRig rig, List<PublishedPush> pushes, Options o, long refreshes)
    {
        var attempts = pushes.Where(p => p.Attempts != 1).ToList();
        if (attempts.Count > 0)
        {
            throw new BenchmarkFailedException($"{attempts.Count} pushes took more than one attempt, e.g. {attempts[0]}");
        }
        if (pushes.Select(p => p.AccountId).Distinct().Count() != o.Accounts)
        {
            throw new BenchmarkFailedException($"the published pushes cover {pushes.Select(p => p.AccountId).Distinct().Count()} accounts, expected {o.Accounts}");
        }
        var posts = rig.TikTok.Posts.All.Where(p => p.UserId.StartsWith("bench-", StringComparison.Ordinal)).ToList();
        var perUser = Enumerable.Range(0, o.Accounts).Count(i => rig.TikTok.Counters.CreatesBy($"bench-{i}") == 1);
        if (posts.Count != o.Accounts || perUser != o.Accounts
            || !posts.Select(p => p.Id).ToHashSet(StringComparer.Ordinal).SetEquals(pushes.Select(p => p.PostId)))
        {
            throw new BenchmarkFailedException($"the fake created {posts.Count} posts for the {o.Accounts} users ({perUser} users with exactly one), "
                + "or their ids differ from the pushes' post ids");
        }
        if (refreshes != 0)
        {
            throw new BenchmarkFailedException($"{refreshes} token refreshes during the run; none were due (tokens live 2 h)");
        }
    }

    /// <summary>Mean durations the host measured (deltas of histogram sums and counts over the burst).</summary>
    private void ReportHostView(BenchContext context, ProviderHost host, TikTokRig rig, string before, string after, (long Count, double TotalMs) served)
    {
        (double MeanMs, double Count) Mean(string metric, string filter)
        {
            var (b, a) = (PrometheusScrape.Sum(before, filter), PrometheusScrape.Sum(after, filter));
            var count = a.Get(metric + "_count") - b.Get(metric + "_count");
            return (count > 0 ? (a.Get(metric + "_sum") - b.Get(metric + "_sum")) / count * 1000 : double.NaN, count);
        }
        const string Http = "http_client_request_duration_seconds";
        var fake = Mean(Http, $"server_port=\"{rig.TikTok.BaseUrl.Port}\"");
        var media = Mean(Http, $"server_port=\"{rig.Media.BaseUrl.Port}\"");
        var publish = Mean("campaigns_pushes_publish_duration_seconds", "");
        context.Report.Add(Name, $"host's HTTP call to the fake, mean, {host.Label}", fake.MeanMs, "ms",
            $"as the host measured it (http_client_request_duration_seconds, {fake.Count:N0} calls; the fake waits {rig.TikTok.Latency.TotalMilliseconds:N0} ms "
            + $"before answering); media server {media.MeanMs:N0} ms over {media.Count:N0}; one publish (campaigns_pushes_publish_duration_seconds) "
            + $"{publish.MeanMs:N0} ms mean over {publish.Count:N0}; waiting for a connection (http_client_request_time_in_queue_seconds) "
            + $"{Mean("http_client_request_time_in_queue_seconds", "").MeanMs:N0} ms mean over {Mean("http_client_request_time_in_queue_seconds", "").Count:N0} requests that waited; "
            + $"the fakes' own view (http.server.request.duration in the runner) {served.TotalMs / Math.Max(1, served.Count):N0} ms mean over {served.Count:N0}", format: "N0");
    }

    private void ReportFigures(BenchContext context, ProviderHost host, Options o, List<PublishedPush> pushes, DateTimeOffset start, DateTimeOffset end,
        (TimeSpan Used, TimeSpan Wall) cpu, long calls)
    {
        var label = host.Label;
        var published = pushes.Select(p => (p.PublishedAt - p.ScheduledAt).TotalMilliseconds).ToList();
        var fired = pushes.Select(p => (p.FiredAt - p.ScheduledAt).TotalMilliseconds).ToList();
        var callsPerPublish = (double)calls / pushes.Count;
        var poll = o.PollMs > 0 ? $"StatusPollInterval {o.PollMs} ms" : "StatusPollInterval 5 s (default)";
        var setup = $"{pushes.Count:N0} pushes at one instant, {pushes.Count / VideosPerCampaign} campaigns; fake {o.LatencyMs} ms per call; {poll}";
        context.Report.Add(Name, $"scheduled → published p50, {label}", Stats.Percentile(published, 50), "ms", setup, format: "N0");
        context.Report.Add(Name, $"scheduled → published p95, {label}", Stats.Percentile(published, 95), "ms", "publishedAt − scheduledAt (host's record)", format: "N0");
        var p99 = Stats.Percentile(published, 99);
        context.Report.Add(Name, $"scheduled → published p99, {label}", p99, "ms",
            $"max {published.Max():N0} ms; all {pushes.Count:N0} published exactly once (API, and the fake's creates per user)", key: $"platform.{host.Provider}.p99", format: "N0");
        context.Report.Add(Name, $"scheduled → fired p50 / p99, {label}", Stats.Percentile(fired, 50), "ms",
            $"p99 {Stats.Percentile(fired, 99):N0} ms, max {fired.Max():N0} ms: firedAt (after the platform rate limit's token) − scheduledAt", format: "N0");
        var publishing = pushes.Select(p => (p.PublishedAt - p.FiredAt).TotalMilliseconds).ToList();
        context.Report.Add(Name, $"fired → published p50 / p99, {label}", Stats.Percentile(publishing, 50), "ms",
            $"p99 {Stats.Percentile(publishing, 99):N0} ms, min {publishing.Min():N0} ms: the connector's calls, the upload and the status polls of one publish", format: "N0");
        context.Report.Add(Name, $"total time, first instant → last published, {label}", (end - start).TotalSeconds, "s",
            $"{pushes.Count / Math.Max(0.001, (end - start).TotalSeconds):0} publishes/s", format: "0.0");
        context.Report.Add(Name, $"host CPU, {label}", cpu.Used / cpu.Wall, $"of {Environment.ProcessorCount} cores",
            $"{cpu.Used.TotalMilliseconds / pushes.Count:0.0} ms CPU per publish ({cpu.Used.TotalSeconds:0.0} s CPU over {cpu.Wall.TotalSeconds:0.0} s, "
            + "from the last launch until every push was listed)", format: "0.00");
        context.Report.Add(Name, $"fake API calls per publish, {label}", callsPerPublish, "",
            "creator_info, init, status, upload (PUT), status …; token calls not counted", format: "0.00");
        var floor = callsPerPublish * o.LatencyMs + (o.PollMs > 0 ? o.PollMs : 5000);
        context.Report.Add("ratio", $"platform p99 ÷ (latency × calls per publish + one status poll), {label}", p99 / Math.Max(1, floor), "",
            $"the floor is {floor:N0} ms: what one publish must wait on its own (no queueing); ≈ 1 means the burst adds nothing", format: "0.00");
    }
}
