using System.Text.Json.Nodes;
using Campaigns.Host.Tests.Support;
using Campaigns.Testing;
using static Campaigns.Host.Tests.Support.RuleCampaigns;

namespace Campaigns.Host.Tests;

/// <summary>Automation rules across a restart of the embedded default: what fired stays fired, and a window that closes while nobody calls still decides.</summary>
public sealed class RuleRestartTests
{
    /// <summary>The stopAccount window: long enough to restart the host inside it.</summary>
    private const double StopWindowMinutes = 0.4;

    [Fact]
    public async Task Rules_survive_a_restart_fire_once_and_time_decided_rules_fire_with_nobody_calling()
    {
        using var database = new TempSqliteDatabase();
        var settings = HostSettings.Sqlite(database.Directory);
        Tenant tenant;
        string campaign, winnerId, weakLater, fanB, fanC;
        await using (var first = new CampaignsApp(settings))
        {
            tenant = await Tenant.Create(first);
            var kit = new RuleCampaigns(tenant.Client);
            // Second posts an hour later: no push firing meanwhile wakes the campaign.
            var origin = await kit.AccountAsync("origin", "skincare", minGapMinutes: 60);
            var weak = await kit.AccountAsync("weak", "skincare", minGapMinutes: 60);
            fanB = await kit.AccountAsync("fanb", "skincare");
            fanC = await kit.AccountAsync("fanc", "skincare");
            var videos = new[] { await kit.VideoAsync("a"), await kit.VideoAsync("b") };
            campaign = await kit.LaunchAsync(Matrix([origin, weak], videos, new JsonArray(
                Rule("views", "atLeast", 100, 60, "amplify", new JsonObject { ["ids"] = Array([fanB]) }),
                Rule("views", "atLeast", 800, 60, "amplify", new JsonObject { ["ids"] = Array([fanC]) }),
                Rule("views", "atMost", 10, StopWindowMinutes, "stopAccount")), staggerSeconds: 1, postsPerAccount: 2));
            var winner = await kit.PublishedPushAsync(campaign, origin);
            var weakFirst = await kit.PublishedPushAsync(campaign, weak);
            winnerId = winner["id"]!.GetValue<string>();
            weakLater = (await kit.PushesAsync(campaign)).Single(p => Account(p) == weak && Status(p) == "scheduled")["id"]!.GetValue<string>();

            Assert.True(await kit.MetricsAsync(winnerId, DateTimeOffset.UtcNow, views: 500, likes: 50));
            Assert.True(await kit.MetricsAsync(weakFirst["id"]!.GetValue<string>(), DateTimeOffset.UtcNow, views: 5, likes: 0));
            await Poll.Until(async () => (await kit.PushesAsync(campaign)).Any(p => Account(p) == fanB), TimeSpan.FromSeconds(30));

            // The proof needs the stop window to close after this host is gone.
            var windowEnd = winner["publishedAt"]!.GetValue<DateTimeOffset>().AddMinutes(StopWindowMinutes);
            Assert.True(DateTimeOffset.UtcNow < windowEnd.AddSeconds(-5), "Too slow to restart inside the stop window.");
            Assert.Equal("scheduled", Status(await kit.PushAsync(weakLater)));
        }

        await using var second = new CampaignsApp(settings);
        var again = new RuleCampaigns(ApiClient.For(second, tenant.ApiKey));
        // Only push reads, which never touch the campaign: the review trigger alone must wake it.
        await Poll.Until(async () => Status(await again.PushAsync(weakLater)) == "cancelled", TimeSpan.FromSeconds(60));

        Assert.True(await again.MetricsAsync(winnerId, DateTimeOffset.UtcNow, views: 900, likes: 90));
        await Poll.Until(async () => (await again.PushesAsync(campaign)).Any(p => Account(p) == fanC), TimeSpan.FromSeconds(30));

        var fired = await again.RuleFiredAsync(campaign);
        Assert.Equal(["Rule 0 ", "Rule 1 ", "Rule 2 "], fired.Select(f => f[..7]).Order());
        Assert.Single(await again.PushesAsync(campaign), p => Account(p) == fanB);
        var view = await again.CampaignAsync(campaign);
        Assert.Equal(3, view["rules"]!.AsArray().Count);
        Assert.Equal(6, view["progress"]!["planned"]!.GetValue<int>());
    }
}
