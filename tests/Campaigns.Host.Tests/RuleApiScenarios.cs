using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Host.Tests.Support;
using Campaigns.Testing;
using static Campaigns.Host.Tests.Support.RuleCampaigns;

namespace Campaigns.Host.Tests;

/// <summary>Automation rules on a campaign, through the real host and the sandbox platform, per storage provider.</summary>
public abstract class RuleApiScenarios(HostFixture host)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [ProviderFact]
    public async Task An_amplify_rule_schedules_the_winner_on_new_accounts_by_affinity_within_caps_and_fires_once()
    {
        var kit = new RuleCampaigns((await Tenant.Create(host.App)).Client);
        var origin = await kit.AccountAsync("origin", "skincare");
        var fans = new[] { await kit.AccountAsync("fan1", "skincare"), await kit.AccountAsync("fan2", "skincare") };
        var capped = await kit.AccountAsync("capped", "skincare", maxPostsPerDay: 1);
        var offTopic = await kit.AccountAsync("gamer", "gaming");
        var witness = await kit.AccountAsync("witness", "gaming");
        var video = await kit.VideoAsync("winner");
        // The capped account posts once today elsewhere, which uses up its day.
        var elsewhere = await kit.LaunchAsync(Matrix([capped], [video], []));
        var cappedPost = await kit.PublishedPushAsync(elsewhere, capped);

        var campaign = await kit.LaunchAsync(Matrix([origin], [video], new JsonArray(
            Rule("engagementRate", "atLeast", 0.08, 60, "amplify", new JsonObject { ["selector"] = new JsonObject { ["brand"] = "acme", ["topByAffinity"] = 5 } }),
            // Fires on the later snapshot only: proof that the later snapshot was evaluated, rule 0 included.
            Rule("views", "atLeast", 5000, 60, "amplify", new JsonObject { ["ids"] = Array([witness]) }))));
        var winner = await kit.PublishedPushAsync(campaign, origin);
        var winnerId = winner["id"]!.GetValue<string>();

        var first = DateTimeOffset.UtcNow;
        Assert.True(await kit.MetricsAsync(winnerId, first, views: 1000, likes: 100)); // engagement 0.1
        await Poll.Until(async () => (await kit.PushesAsync(campaign)).Count == 4, TimeSpan.FromSeconds(30));

        var added = (await kit.PushesAsync(campaign)).Where(p => Account(p) != origin).ToList();
        Assert.Equal(fans.Append(capped).Order(), added.Select(Account).Order()); // the off-topic account has no affinity
        Assert.All(added, p => Assert.Equal(video, p["videoId"]!.GetValue<string>()));
        foreach (var fan in added.Where(p => Account(p) != capped))
        {
            Assert.InRange(fan["scheduledAt"]!.GetValue<DateTimeOffset>(), first.AddSeconds(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        }
        var cappedAgain = added.Single(p => Account(p) == capped)["scheduledAt"]!.GetValue<DateTimeOffset>();
        Assert.True(LocalDay(cappedAgain) > LocalDay(cappedPost["scheduledAt"]!.GetValue<DateTimeOffset>()),
            $"The capped account posts again on {cappedAgain:O}, the same local day as its post elsewhere.");

        // The same winning snapshot again changes nothing; a later one is evaluated again and fires only rule 1.
        Assert.False(await kit.MetricsAsync(winnerId, first, views: 1000, likes: 100));
        Assert.True(await kit.MetricsAsync(winnerId, DateTimeOffset.UtcNow, views: 6000, likes: 600));
        await Poll.Until(async () => (await kit.RuleFiredAsync(campaign)).Count == 2, TimeSpan.FromSeconds(30));

        var fired = await kit.RuleFiredAsync(campaign);
        Assert.StartsWith("Rule 0 (engagementRate at least 0.08 within 60 min → amplify) fired for push " + winnerId, fired[0]);
        Assert.Contains("3 pushes of video", fired[0]);
        Assert.StartsWith("Rule 1 ", fired[1]);
        var pushes = await kit.PushesAsync(campaign);
        Assert.Equal(new[] { origin, fans[0], fans[1], capped, witness }.Order(), pushes.Select(Account).Order()); // each account once
        Assert.DoesNotContain(pushes, p => Account(p) == offTopic);
        var view = await kit.CampaignAsync(campaign);
        Assert.Equal(5, view["progress"]!["planned"]!.GetValue<int>());
        Assert.Equal("running", view["status"]!.GetValue<string>()); // the capped account's push is still to come
        Assert.Equal("engagementRate", view["rules"]![0]!["when"]!["metric"]!.GetValue<string>());
        Assert.Equal(5, view["rules"]![0]!["then"]!["accounts"]!["selector"]!["topByAffinity"]!.GetValue<int>());
    }

    [ProviderFact]
    public async Task A_stopAccount_rule_cancels_the_remaining_pushes_of_an_account_with_low_views_after_its_window()
    {
        var kit = new RuleCampaigns((await Tenant.Create(host.App)).Client);
        var strong = await kit.AccountAsync("strong", "skincare");
        var weak = await kit.AccountAsync("weak", "skincare");
        var videos = new[] { await kit.VideoAsync("a"), await kit.VideoAsync("b"), await kit.VideoAsync("c") };
        // Three posts each, a minute apart; the strong account publishes first, so its window closes first.
        var campaign = await kit.LaunchAsync(Matrix([strong, weak], videos, new JsonArray(
            Rule("views", "atMost", 1000, 0.1, "stopAccount")), staggerSeconds: 1, postsPerAccount: 3));
        var strongPush = await kit.PublishedPushAsync(campaign, strong);
        var weakPush = await kit.PublishedPushAsync(campaign, weak);
        await kit.MetricsAsync(strongPush["id"]!.GetValue<string>(), DateTimeOffset.UtcNow, views: 50_000, likes: 10);
        await kit.MetricsAsync(weakPush["id"]!.GetValue<string>(), DateTimeOffset.UtcNow, views: 10, likes: 0);

        // The firing cancels, then completes with its timeline event: two writes, so wait for both.
        await Poll.Until(async () => (await kit.PushesAsync(campaign)).Count(p => Status(p) == "cancelled") == 2
            && (await kit.RuleFiredAsync(campaign)).Count > 0, TimeSpan.FromSeconds(30));

        var pushes = await kit.PushesAsync(campaign);
        var cancelled = pushes.Where(p => Status(p) == "cancelled").ToList();
        Assert.All(cancelled, p => Assert.Equal(weak, Account(p)));
        Assert.All(cancelled, p => Assert.StartsWith("Cancelled by rule 0: push " + weakPush["id"]!.GetValue<string>(), p["lastError"]!.GetValue<string>()));
        Assert.Equal(2, pushes.Count(p => Account(p) == strong && Status(p) == "scheduled"));
        var fired = Assert.Single(await kit.RuleFiredAsync(campaign));
        Assert.Contains("views was 10; 2 pushes of account " + weak + " that had not fired cancelled", fired);
    }

    [ProviderFact]
    public async Task A_campaign_with_rules_completes_only_once_its_last_rule_window_has_closed()
    {
        var kit = new RuleCampaigns((await Tenant.Create(host.App)).Client);
        var account = await kit.AccountAsync("solo", "skincare");
        var other = await kit.AccountAsync("other", "skincare");
        var campaign = await kit.LaunchAsync(Matrix([account], [await kit.VideoAsync("v")], new JsonArray(
            Rule("views", "atLeast", 1_000_000, 0.1, "amplify", new JsonObject { ["ids"] = Array([other]) }))));
        var push = await kit.PublishedPushAsync(campaign, account);

        await Poll.Until(async () => (await kit.CampaignAsync(campaign))["status"]!.GetValue<string>() == "completed", TimeSpan.FromSeconds(30));

        var events = (await ApiClient.Json(await kit.Client.Get($"/v1/campaigns/{campaign}/timeline")))["events"]!.AsArray();
        var completed = events.Single(e => e!["type"]!.GetValue<string>() == "completed")!["at"]!.GetValue<DateTimeOffset>();
        // Without rules a campaign completes about a second after its last push settles; this one waited for the window.
        Assert.True(completed >= push["publishedAt"]!.GetValue<DateTimeOffset>().AddMinutes(0.1), $"Completed at {completed:O}, inside the rule window.");
        Assert.Empty(await kit.RuleFiredAsync(campaign));
    }

    [ProviderFact]
    public async Task Rules_are_validated_field_by_field_and_shown_as_they_were_sent()
    {
        var kit = new RuleCampaigns((await Tenant.Create(host.App)).Client);
        var account = await kit.AccountAsync("valid", "skincare");
        var video = await kit.VideoAsync("v");
        var bad = Matrix([account], [video], new JsonArray(
            Rule("reach", "atLeast", 1, 60, "amplify", new JsonObject { ["ids"] = Array(["acc_01a21f74a536a1d4073f00"]) }),
            new JsonObject
            {
                ["when"] = new JsonObject { ["metric"] = "engagementRate", ["atLeast"] = 1.5, ["atMost"] = 0.1, ["withinMinutes"] = 0 },
                ["then"] = new JsonObject { ["action"] = "stopAccount", ["accounts"] = new JsonObject { ["ids"] = Array([account]) } },
            },
            new JsonObject { ["when"] = new JsonObject { ["metric"] = "views", ["withinMinutes"] = 20_000 }, ["then"] = new JsonObject { ["action"] = "boost" } },
            Rule("views", "atLeast", 10, 5, "amplify"),
            Rule("views", "atLeast", 10, 5, "amplify", new JsonObject { ["selector"] = new JsonObject { ["kinds"] = new JsonArray("robot"), ["topByAffinity"] = 0 } }),
            null,
            Sampled(Rule("views", "atLeast", 10, 5, "stopAccount"), 10),
            Sampled(Rule("engagementRate", "atLeast", 0.1, 5, "stopAccount"), 0)));

        var response = await kit.Client.PostJson("/v1/campaigns", bad);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ApiClient.Json(response))["errors"]!.AsObject().Select(e => e.Key).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "rules[0].when.metric", "rules[0].then.accounts.ids[0]",
            "rules[1].when.atLeast", "rules[1].when.atMost", "rules[1].when.withinMinutes", "rules[1].then.accounts",
            "rules[2].when.atLeast", "rules[2].when.withinMinutes", "rules[2].then.action",
            "rules[3].then.accounts",
            "rules[4].then.accounts.selector.kinds[0]", "rules[4].then.accounts.selector.topByAffinity",
            "rules[5]",
            "rules[6].when.minSample", "rules[7].when.minSample",
        }, errors);
        Assert.DoesNotContain(errors, e => e.StartsWith("strategy", StringComparison.Ordinal));

        var tooMany = new JsonArray(Enumerable.Range(0, 11).Select(_ => (JsonNode)Rule("views", "atMost", 1, 1, "stopAccount")).ToArray());
        var many = await kit.Client.PostJson("/v1/campaigns", Matrix([account], [video], tooMany));
        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Contains("rules", (await ApiClient.Json(many))["errors"]!.AsObject().Select(e => e.Key));

        var rules = new JsonArray(
            Rule("conversionRate", "atLeast", 0.05, 30, "amplify", new JsonObject { ["ids"] = Array([account]) }),
            Rule("views", "atMost", 1000, 120, "stopAccount"),
            Sampled(Rule("engagementRate", "atLeast", 0.2, 30, "stopAccount"), 500));
        var created = await kit.CreateAsync("/v1/campaigns", Matrix([account], [video], rules));
        var shown = (await kit.CampaignAsync(created))["rules"]!;
        Assert.Equal(("conversionRate", 0.05, 30.0, "amplify", account),
            (shown[0]!["when"]!["metric"]!.GetValue<string>(), shown[0]!["when"]!["atLeast"]!.GetValue<double>(), shown[0]!["when"]!["withinMinutes"]!.GetValue<double>(),
             shown[0]!["then"]!["action"]!.GetValue<string>(), shown[0]!["then"]!["accounts"]!["ids"]![0]!.GetValue<string>()));
        Assert.Equal(("views", 1000.0, "stopAccount"),
            (shown[1]!["when"]!["metric"]!.GetValue<string>(), shown[1]!["when"]!["atMost"]!.GetValue<double>(), shown[1]!["then"]!["action"]!.GetValue<string>()));
        Assert.Null(shown[1]!["then"]!["accounts"]);
        // The sample a rate needs: the default for clicks, the one given for views; counts have none.
        Assert.Equal<long?>([20, null, 500], shown.AsArray().Select(r => r!["when"]!["minSample"]?.GetValue<long>()));
    }

    private static JsonObject Sampled(JsonObject rule, long minSample)
    {
        rule["when"]!["minSample"] = minSample;
        return rule;
    }

    private static DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Shanghai).DateTime);
}

public sealed class SqliteRuleApiTests(SqliteHostFixture host) : RuleApiScenarios(host), IClassFixture<SqliteHostFixture>;

[RequiresPostgres]
public sealed class PostgresRuleApiTests(PostgresHostFixture host) : RuleApiScenarios(host), IClassFixture<PostgresHostFixture>;
