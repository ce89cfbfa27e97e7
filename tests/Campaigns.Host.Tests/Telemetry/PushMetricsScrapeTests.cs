using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Host.Tests.Support;
using Campaigns.Testing;

namespace Campaigns.Host.Tests.Telemetry;

/// <summary>
/// A campaign runs to completion on the sandbox (which fails half of all first attempts), then the host's Prometheus
/// endpoint is scraped: every push-path counter must agree with what the campaign's pushes say happened to them.
/// </summary>
[Collection(nameof(ProcessWideTelemetry))]
public sealed class PushMetricsScrapeTests(PushMetricsScrapeTests.ScrapedHost host) : IClassFixture<PushMetricsScrapeTests.ScrapedHost>
{
    private const int Accounts = 12, MaxAttempts = 2;

    // Fails without `metrics.Recorded(transition, push.Platform, applied, postponed)` in PushPublisher.RecordAsync (checked:
    // no outcome is counted and the scrape never reaches the campaign's push count).
    [Fact]
    public async Task The_scrape_counts_what_the_campaign_did()
    {
        var tenant = await Tenant.Create(host.App);
        var campaign = await FiringCampaign.LaunchAsync(tenant.Client, Accounts, ["douyin", "kuaishou"], videos: 2, startIn: TimeSpan.FromSeconds(3));
        await Poll.Until(async () => await campaign.StatusAsync() == "completed", TimeSpan.FromSeconds(120));
        var pushes = (await campaign.PushesAsync()).Select(p => (
            Status: p["status"]!.GetValue<string>(), Platform: p["platform"]!.GetValue<string>(),
            Attempts: p["attempts"]!.GetValue<int>(), Id: p["id"]!.GetValue<string>())).ToList();
        var snapshots = await PostSnapshotsAsync(tenant, pushes.Where(p => p.Status == "published").Select(p => p.Id).Take(4).ToList());

        var admin = ApiClient.For(host.App, host.App.Settings.AdminKey);
        PrometheusScrape scrape = null!;
        // Outcomes are counted before the campaign hears of them, but the exporter may serve a cached scrape briefly.
        await Poll.Until(async () => (scrape = await PrometheusScrape.ReadAsync(admin)).Sum("campaigns_pushes_settled_total") == pushes.Count
            && scrape.Sum("campaigns_feedback_snapshots_total") == snapshots, TimeSpan.FromSeconds(30));

        // Nothing was recovered in this run (a recovered claim's lost attempt is counted without a publish of its own).
        Assert.Equal(0, scrape.Sum("campaigns_pushes_leases_recovered_total"));
        Assert.Equal(0, scrape.Sum("campaigns_pushes_refused_total"));
        var postponed = scrape.Sum("campaigns_pushes_retried_total", ("reason", "postponed"));
        foreach (var platform in new[] { "douyin", "kuaishou" })
        {
            var mine = pushes.Where(p => p.Platform == platform).ToList();
            foreach (var status in new[] { "published", "failed" })
            {
                Assert.Equal(mine.Count(p => p.Status == status), scrape.Sum("campaigns_pushes_settled_total", ("outcome", status), ("platform", platform)));
            }
            // Each attempt is one publish through the account; each attempt but a push's last was a retry.
            Assert.Equal(mine.Sum(p => p.Attempts), scrape.Sum("campaigns_pushes_publish_duration_seconds_count", ("platform", platform)));
            Assert.Equal(mine.Sum(p => p.Attempts - 1), scrape.Sum("campaigns_pushes_retried_total", ("platform", platform), ("reason", "failure")));
            Assert.Equal(mine.Sum(p => p.Attempts), scrape.Sum("campaigns_pushes_firing_lag_seconds_count", ("platform", platform)));
        }
        Assert.True(pushes.Any(p => p.Attempts > 1), "some first attempts should have failed");
        var attempts = pushes.Sum(p => p.Attempts);
        // Every firing claimed its push once and recorded one outcome; an owner that did not answer postpones without publishing.
        Assert.Equal(attempts + postponed, scrape.Sum("campaigns_pushes_claim_size_sum"));
        Assert.Equal(attempts + postponed, scrape.Sum("campaigns_storage_group_commit_items_sum", ("writes", "push_outcomes")));
        Assert.Equal(snapshots, scrape.Sum("campaigns_storage_group_commit_items_sum", ("writes", "snapshots")));
        Assert.Equal(snapshots, scrape.Sum("campaigns_feedback_snapshots_total", ("source", "request")));
        Assert.Equal(0, scrape.Sum("campaigns_pushes_in_flight"));
    }

    [Fact]
    public async Task The_scrape_endpoint_needs_the_admin_key()
    {
        var tenant = await Tenant.Create(host.App);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Client.Get("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiClient.For(host.App, null).Get("/metrics")).StatusCode);
    }

    /// <summary>Posts one snapshot to each push, and a refused one after them; returns how many were accepted.</summary>
    private static async Task<int> PostSnapshotsAsync(Tenant tenant, IReadOnlyList<string> pushIds)
    {
        var at = DateTimeOffset.UtcNow;
        foreach (var id in pushIds)
        {
            var response = await tenant.Client.PostJson($"/v1/pushes/{id}/metrics", Snapshot(at, views: 1000));
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        }
        // Counters went down: refused, so not counted.
        var refused = await tenant.Client.PostJson($"/v1/pushes/{pushIds[0]}/metrics", Snapshot(at.AddSeconds(1), views: 10));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        return pushIds.Count;
    }

    private static JsonObject Snapshot(DateTimeOffset at, long views) => new()
    {
        ["at"] = at.ToString("O"), ["views"] = views, ["likes"] = 0, ["comments"] = 0, ["shares"] = 0, ["clicks"] = 0, ["orders"] = 0, ["gmv"] = 0,
    };

    /// <summary>A host serving its Prometheus endpoint, whose sandbox fails half of all attempts; the feed is off.</summary>
    public sealed class ScrapedHost : SqliteHostFixture
    {
        protected override IReadOnlyDictionary<string, string> Overrides { get; } = new Dictionary<string, string>
        {
            ["Campaigns:Telemetry:Prometheus"] = "true",
            ["Campaigns:Sandbox:FailureRate"] = "0.5",
            ["Campaigns:Sandbox:FeedSeconds"] = "0",
            ["Campaigns:Scheduling:MaxAttempts"] = MaxAttempts.ToString(),
            ["Campaigns:Scheduling:RetryBaseSeconds"] = "1",
            ["Campaigns:Scheduling:SweepSeconds"] = "1",
        };
    }
}
