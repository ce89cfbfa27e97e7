
using Campaigns.Domain.Pushes;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Rules;
using Campaigns.Grains.Tests.Support;
using Campaigns.Scheduling.Rules;
using Campaigns.Scheduling;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Rules;
using Campaigns.Storage;
using Campaigns.Testing;
using Quartz;
namespace Campaigns.Grains.Tests;

/// <summary>The rules grain's decisions: a rule fires at most once per push, holds completion while a window is open, and finishes an interrupted firing.</summary>
public sealed class CampaignRulesGrainTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private StorageSettings Settings => fixture.Settings;

    /// <summary>Two accounts with two pushes each; each account's first push has published (a with 5 views, b with 500).</summary>
    private async Task<(string Agency, string Id, ICampaignRulesGrain Rules, Dictionary<string, StoredPush> Pushes, DateTimeOffset Start)> RunningAsync(AutomationRule? rule = null)
    {
        var (agency, id) = (Drafts.NewAgencyId(), CampaignPlans.NewId());
        var key = GrainKeys.For(agency, id);
        var campaign = fixture.Grains.GetGrain<ICampaignGrain>(key);
        await campaign.Create(CampaignPlans.Matrix(rules: [rule ?? CampaignPlans.StopBelow(10)]));
        var start = fixture.Clock.GetUtcNow().AddMinutes(1);
        List<LaunchPush> plan =
        [
            .. CampaignPlans.Plan(start, 0, "acc_a"), .. CampaignPlans.Plan(start, 0, "acc_b"),
            .. CampaignPlans.Plan(start.AddHours(3), 0, "acc_a"), .. CampaignPlans.Plan(start.AddHours(3), 0, "acc_b"),
        ];
        await campaign.Launch(plan, []);
        var rows = await Tables.PushesAsync(Settings, agency, id);
        var pushes = new Dictionary<string, StoredPush>
        {
            ["a1"] = rows.Single(p => p.AccountId == "acc_a" && p.DueAt == start.ToUnixTimeMilliseconds()),
            ["a2"] = rows.Single(p => p.AccountId == "acc_a" && p.DueAt != start.ToUnixTimeMilliseconds()),
            ["b1"] = rows.Single(p => p.AccountId == "acc_b" && p.DueAt == start.ToUnixTimeMilliseconds()),
            ["b2"] = rows.Single(p => p.AccountId == "acc_b" && p.DueAt != start.ToUnixTimeMilliseconds()),
        };
        await Tables.PublishAsync(Settings, agency, pushes["a1"].Id, start, views: 5);
        await Tables.PublishAsync(Settings, agency, pushes["b1"].Id, start, views: 500);
        await campaign.PushSettled(pushes["a1"].Id, PushStatus.Published, null);
        await fixture.UntilAsync(async () => (await campaign.Get())!.Status == CampaignStatus.Running);
        return (agency, id, fixture.Grains.GetGrain<ICampaignRulesGrain>(key), pushes, start);
    }

    private async Task<string> StatusAsync(string agency, string id, StoredPush push) =>
        (await Tables.PushesAsync(Settings, agency, id)).Single(p => p.Id == push.Id).Status;

    private async Task<ITrigger?> ReviewTriggerAsync(string agency, string id) =>
        await (await StandbyScheduler.Of(fixture.Cluster)).GetTrigger(new TriggerKey($"{agency}/{id}", RuleReviewTriggers.Group));

    [Fact]
    public async Task An_at_most_rule_holds_completion_until_its_window_closes_then_fires_once_and_passes_the_rest()
    {
        var (agency, id, rules, pushes, start) = await RunningAsync();

        Assert.Equal(new RulesVerdict(true, 0), await rules.HoldsCompletion());
        Assert.Equal(start.AddMinutes(60), (await ReviewTriggerAsync(agency, id))!.StartTimeUtc);
        Assert.Equal("scheduled", await StatusAsync(agency, id, pushes["a2"]));

        fixture.Clock.Advance(TimeSpan.FromMinutes(62));
        // (The campaign's own completion check may run the same review meanwhile: the outcome is the same.)
        var verdict = await rules.HoldsCompletion();
        Assert.Equal((false, 0), (verdict.Holds, verdict.PushesAdded));
        Assert.Equal(new RulesVerdict(false, 0), await rules.HoldsCompletion());

        Assert.Equal("cancelled", await StatusAsync(agency, id, pushes["a2"])); // a's push had 5 views, at most 10: stop a
        Assert.Equal("scheduled", await StatusAsync(agency, id, pushes["b2"]));
        Assert.Equal(1, (await Tables.TimelineAsync(Settings, agency, id)).Count(t => t == "rule-fired"));
        Assert.Equal(1L, await Tables.ScalarAsync(Settings, "SELECT COUNT(*) FROM rule_firings WHERE campaign_id = @id AND state = 'fired'", new { id }));
        Assert.Equal(1L, await Tables.ScalarAsync(Settings, "SELECT COUNT(*) FROM rule_firings WHERE campaign_id = @id AND state = 'passed'", new { id }));
        Assert.Null(await ReviewTriggerAsync(agency, id));
    }

    [Fact]
    public async Task Engagement_reported_to_the_campaign_is_judged_by_its_rules_once_however_often_it_is_reported()
    {
        var (agency, id, _, pushes, start) = await RunningAsync(CampaignPlans.StopAtLeast(100));
        var campaign = fixture.Grains.GetGrain<ICampaignGrain>(GrainKeys.For(agency, id));

        // b's push has 500 views, at least 100: stop b. Guarded by "await Rules.Evaluate(changed)" in
        // CampaignGrain.EvaluateFeedbackAsync (the campaign coalesces reports, then asks its rules).
        await campaign.MetricsRecorded([pushes["b1"].Id]);
        await campaign.MetricsRecorded([pushes["a1"].Id]);
        await fixture.UntilAsync(async () => await StatusAsync(agency, id, pushes["b2"]) == "cancelled");
        await campaign.MetricsRecorded([pushes["b1"].Id]);
        await fixture.UntilAsync(async () => (await Tables.TimelineAsync(Settings, agency, id)).Contains("rule-fired"));

        Assert.Equal("scheduled", await StatusAsync(agency, id, pushes["a2"]));
        Assert.Equal(1, (await Tables.TimelineAsync(Settings, agency, id)).Count(t => t == "rule-fired"));
        Assert.Equal(1L, await Tables.ScalarAsync(Settings, "SELECT COUNT(*) FROM rule_firings WHERE campaign_id = @id", new { id }));
    }

    [Fact]
    public async Task A_firing_claimed_before_a_crash_is_finished_by_the_next_review_exactly_once()
    {
        var (agency, id, rules, pushes, _) = await RunningAsync();
        // An evaluation claimed the firing for b's push, then its silo died before acting.
        var firings = new RuleFiringStore(new DbConnectionFactory(Settings));
        Assert.True(await firings.ClaimAsync(agency, id, 0, pushes["b1"].Id, 500, fixture.Clock.GetUtcNow().ToUnixTimeMilliseconds()));

        // Guarded by the loop over "_firings.UnfinishedAsync" in CampaignRulesGrain.ReviewAsync.
        await rules.HoldsCompletion();
        await rules.HoldsCompletion();

        Assert.Equal("cancelled", await StatusAsync(agency, id, pushes["b2"]));
        Assert.Equal(1, (await Tables.TimelineAsync(Settings, agency, id)).Count(t => t == "rule-fired"));
        Assert.Equal(0L, await Tables.ScalarAsync(Settings, "SELECT COUNT(*) FROM rule_firings WHERE campaign_id = @id AND state = 'firing'", new { id }));
    }
}
