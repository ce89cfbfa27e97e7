using Campaigns.Domain.Feedback;
using Campaigns.Domain.Rules;

namespace Campaigns.Domain.Tests;

public sealed class RuleEvaluationTests
{
    private static readonly DateTimeOffset Published = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A snapshot <paramref name="minutes"/> after publishing.</summary>
    private static RuleObservation At(double minutes, long views, long likes = 0, long clicks = 0, long orders = 0) =>
        new(Published.AddMinutes(minutes), new EngagementSnapshot(views, likes, 0, 0, clicks, orders, 0m));

    public static TheoryData<string, RuleCondition, RuleObservation[], double, RuleDecision, double?> Cases => new()
    {
        // atLeast: any snapshot inside the window meeting the threshold fires, judged on feedback whatever the time now.
        { "count met inside the window", new(RuleMetric.Views, 1000, null, TimeSpan.FromMinutes(60)), [At(10, 400), At(30, 1200)], 31, RuleDecision.Fire, 1200 },
        { "exactly the threshold", new(RuleMetric.Views, 1000, null, TimeSpan.FromMinutes(60)), [At(10, 1000)], 11, RuleDecision.Fire, 1000 },
        { "the earliest meeting snapshot is reported", new(RuleMetric.Views, 1000, null, TimeSpan.FromMinutes(60)), [At(50, 3000), At(20, 1500)], 51, RuleDecision.Fire, 1500 },
        { "met only after the window", new(RuleMetric.Views, 1000, null, TimeSpan.FromMinutes(60)), [At(30, 500), At(61, 5000)], 62, RuleDecision.Wait, null },
        { "snapshot at the window's last instant", new(RuleMetric.Views, 1000, null, TimeSpan.FromMinutes(60)), [At(60, 1000)], 90, RuleDecision.Fire, 1000 },
        { "not met yet", new(RuleMetric.Views, 1000, null, TimeSpan.FromMinutes(60)), [At(5, 10)], 6, RuleDecision.Wait, null },
        { "no snapshot at all", new(RuleMetric.Views, 1000, null, TimeSpan.FromMinutes(60)), [], 120, RuleDecision.Wait, null },
        { "a late-delivered in-window snapshot still counts", new(RuleMetric.Likes, 50, null, TimeSpan.FromMinutes(1)), [At(0.5, 100, likes: 60)], 600, RuleDecision.Fire, 60 },
        { "engagement rate met", new(RuleMetric.EngagementRate, 0.08, null, TimeSpan.FromMinutes(60)), [At(10, 1000, likes: 100)], 11, RuleDecision.Fire, 0.1 },
        { "engagement rate below", new(RuleMetric.EngagementRate, 0.08, null, TimeSpan.FromMinutes(60)), [At(10, 1000, likes: 50)], 11, RuleDecision.Wait, null },
        { "a rate without views has no value", new(RuleMetric.EngagementRate, 0.0, null, TimeSpan.FromMinutes(60)), [At(10, 0)], 11, RuleDecision.Wait, null },
        { "conversion rate met", new(RuleMetric.ConversionRate, 0.1, null, TimeSpan.FromMinutes(60)), [At(10, 500, clicks: 40, orders: 8)], 11, RuleDecision.Fire, 0.2 },
        { "a high rate on too few views waits for the default sample", new(RuleMetric.EngagementRate, 0.08, null, TimeSpan.FromMinutes(60)), [At(1, 5, likes: 2), At(2, 99, likes: 30)], 3, RuleDecision.Wait, null },
        { "the first snapshot with the sample counts", new(RuleMetric.EngagementRate, 0.08, null, TimeSpan.FromMinutes(60)), [At(1, 5, likes: 2), At(2, 100, likes: 30)], 3, RuleDecision.Fire, 0.3 },
        { "a smaller sample given by the rule", new(RuleMetric.EngagementRate, 0.08, null, TimeSpan.FromMinutes(60), MinSample: 5), [At(1, 5, likes: 2)], 2, RuleDecision.Fire, 0.4 },
        { "a larger sample given by the rule", new(RuleMetric.EngagementRate, 0.08, null, TimeSpan.FromMinutes(60), MinSample: 5000), [At(10, 1000, likes: 100)], 11, RuleDecision.Wait, null },
        { "conversion on too few clicks waits", new(RuleMetric.ConversionRate, 0.1, null, TimeSpan.FromMinutes(60)), [At(10, 500, clicks: 19, orders: 10)], 11, RuleDecision.Wait, null },
        { "decimal window (six seconds)", new(RuleMetric.Views, 10, null, TimeSpan.FromMinutes(0.1)), [At(0.05, 20)], 1, RuleDecision.Fire, 20 },
        { "decimal window missed", new(RuleMetric.Views, 10, null, TimeSpan.FromMinutes(0.1)), [At(0.2, 20)], 1, RuleDecision.Wait, null },

        // atMost: time decides; after the window the latest snapshot is judged, fire or pass for good.
        { "low after the window", new(RuleMetric.Views, null, 1000, TimeSpan.FromMinutes(120)), [At(30, 200), At(110, 800)], 121, RuleDecision.Fire, 800 },
        { "exactly the threshold after the window", new(RuleMetric.Views, null, 1000, TimeSpan.FromMinutes(120)), [At(110, 1000)], 120, RuleDecision.Fire, 1000 },
        { "low but the window is open", new(RuleMetric.Views, null, 1000, TimeSpan.FromMinutes(120)), [At(30, 200)], 119.9, RuleDecision.Wait, null },
        { "high after the window passes", new(RuleMetric.Views, null, 1000, TimeSpan.FromMinutes(120)), [At(30, 200), At(100, 1500)], 121, RuleDecision.Pass, 1500 },
        { "the latest snapshot decides, even one after the window", new(RuleMetric.Views, null, 1000, TimeSpan.FromMinutes(120)), [At(100, 800), At(125, 1100)], 126, RuleDecision.Pass, 1100 },
        { "no snapshot is no evidence", new(RuleMetric.Views, null, 1000, TimeSpan.FromMinutes(120)), [], 500, RuleDecision.Wait, null },
        { "zero views reported is evidence", new(RuleMetric.Views, null, 1000, TimeSpan.FromMinutes(120)), [At(60, 0)], 121, RuleDecision.Fire, 0 },
        { "low engagement rate", new(RuleMetric.EngagementRate, null, 0.01, TimeSpan.FromMinutes(10)), [At(9, 1000, likes: 5)], 11, RuleDecision.Fire, 0.005 },
        { "a low rate on too few views is no evidence", new(RuleMetric.EngagementRate, null, 0.01, TimeSpan.FromMinutes(10)), [At(9, 50)], 11, RuleDecision.Wait, null },
        { "a rate without clicks waits", new(RuleMetric.ConversionRate, null, 0.01, TimeSpan.FromMinutes(10)), [At(9, 1000)], 11, RuleDecision.Wait, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_rule_decides_from_the_snapshots_and_the_time(string name, RuleCondition rule, RuleObservation[] observations, double nowMinutes, RuleDecision expected, double? value)
    {
        var verdict = RuleEvaluation.Evaluate(rule, Published, observations, Published.AddMinutes(nowMinutes));

        Assert.True(expected == verdict.Decision, $"{name}: expected {expected}, got {verdict.Decision}");
        Assert.Equal(value, verdict.Value);
    }

    [Theory]
    [InlineData(RuleMetric.Views, 1000.0)]
    [InlineData(RuleMetric.Likes, 100.0)]
    [InlineData(RuleMetric.Comments, 20.0)]
    [InlineData(RuleMetric.Shares, 5.0)]
    [InlineData(RuleMetric.Clicks, 50.0)]
    [InlineData(RuleMetric.Orders, 4.0)]
    [InlineData(RuleMetric.Gmv, 796.5)]
    [InlineData(RuleMetric.EngagementRate, 0.125)]
    [InlineData(RuleMetric.ConversionRate, 0.08)]
    public void Each_metric_reads_its_value_from_a_snapshot(RuleMetric metric, double expected)
    {
        var snapshot = new EngagementSnapshot(Views: 1000, Likes: 100, Comments: 20, Shares: 5, Clicks: 50, Orders: 4, Gmv: 796.5m);

        Assert.Equal(expected, RuleMetrics.Value(metric, snapshot)!.Value, 10);
    }

    [Theory]
    [InlineData(RuleMetric.EngagementRate, null, RuleCondition.DefaultMinViews)]
    [InlineData(RuleMetric.ConversionRate, null, RuleCondition.DefaultMinClicks)]
    [InlineData(RuleMetric.EngagementRate, 7L, 7L)]
    [InlineData(RuleMetric.Views, null, null)]
    public void Rates_need_a_sample_and_counts_do_not(RuleMetric metric, long? given, long? expected)
    {
        Assert.Equal(expected, new RuleCondition(metric, 1, null, TimeSpan.FromMinutes(1), given).Sample);
    }

    [Fact]
    public void Only_the_two_rates_are_rates()
    {
        Assert.Equal([RuleMetric.EngagementRate, RuleMetric.ConversionRate], Enum.GetValues<RuleMetric>().Where(RuleMetrics.IsRate));
    }
}
