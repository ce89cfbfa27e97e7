
using Campaigns.Domain.Common;
using Campaigns.Domain.Rules;
using Campaigns.Grains.Abstractions.Campaigns;
namespace Campaigns.Grains.Tests.Support;

/// <summary>Campaign definitions and launch plans as the application layer would hand them to a campaign grain.</summary>
internal static class CampaignPlans
{
    public static string NewId() => Ids.New("cam");

    public static CampaignDefinition Matrix(string? brand = null, List<AutomationRule>? rules = null) =>
        new("Serum teaser", brand, null, "Asia/Shanghai", [], ["vid_1"],
            new MatrixStrategy(new AccountSet(["acc_a", "acc_b"], null), ["vid_1"], GrainClusterFixture.Start, 60, 1), Rules: rules);

    /// <summary>A tie-in with one gated wave after the celebrity wave.</summary>
    public static CampaignDefinition TieIn(WaveGate gate) =>
        Matrix() with
        {
            Kind = StrategyKind.CelebrityTieIn,
            TieIn = new TieInStrategy([new TieInWave(new AccountSet(["acc_c", "acc_d"], null), 60, gate)]),
        };

    /// <summary>One push per account, a minute apart from <paramref name="start"/>, all in <paramref name="wave"/>.</summary>
    public static List<LaunchPush> Plan(DateTimeOffset start, int wave = 0, params string[] accounts) =>
        accounts.Select((a, i) => new LaunchPush(a, "douyin", "vid_1", start.AddMinutes(i), wave, "caption", ["#tag"])).ToList();

    /// <summary>A stopAccount rule: an account whose push has at most <paramref name="views"/> views an hour after publishing posts no more.</summary>
    public static AutomationRule StopBelow(long views) => new(RuleMetric.Views, null, views, 60, RuleAction.StopAccount, null);

    /// <summary>A stopAccount rule judged as engagement arrives: an account whose push reaches <paramref name="views"/> views posts no more.</summary>
    public static AutomationRule StopAtLeast(long views) => new(RuleMetric.Views, views, null, 60, RuleAction.StopAccount, null);
}
