using Campaigns.Domain.Feedback;

namespace Campaigns.Domain.Rules;

/// <summary>The value a rule compares with its threshold, read from one cumulative snapshot.</summary>
public static class RuleMetrics
{
    /// <summary>True for the metrics that are ratios in [0, 1].</summary>
    public static bool IsRate(RuleMetric metric) => metric is RuleMetric.EngagementRate or RuleMetric.ConversionRate;

    /// <summary>
    /// The metric's value in the snapshot; null for a rate whose denominator is zero (no views, no clicks), which has
    /// no value rather than a value of 0, so it neither meets an <c>atLeast</c> nor an <c>atMost</c> threshold.
    /// </summary>
    public static double? Value(RuleMetric metric, EngagementSnapshot s) => Value(metric, s, minSample: 1);

    /// <summary>
    /// The metric's value in the snapshot, where a rate counts only once its denominator (views, clicks) is at least
    /// <paramref name="minSample"/>: below it, it has no value yet.
    /// </summary>
    public static double? Value(RuleMetric metric, EngagementSnapshot s, long minSample) => metric switch
    {
        RuleMetric.Views => s.Views,
        RuleMetric.Likes => s.Likes,
        RuleMetric.Comments => s.Comments,
        RuleMetric.Shares => s.Shares,
        RuleMetric.Clicks => s.Clicks,
        RuleMetric.Orders => s.Orders,
        RuleMetric.Gmv => (double)s.Gmv,
        RuleMetric.EngagementRate => s.Views == 0 || s.Views < minSample ? null : (double)(s.Likes + s.Comments + s.Shares) / s.Views,
        RuleMetric.ConversionRate => s.Clicks == 0 || s.Clicks < minSample ? null : (double)s.Orders / s.Clicks,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown metric."),
    };
}
