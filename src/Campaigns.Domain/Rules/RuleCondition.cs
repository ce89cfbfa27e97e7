namespace Campaigns.Domain.Rules;

/// <summary>
/// The "when" of an automation rule: one push's <see cref="Metric"/> is at least <see cref="AtLeast"/> in a snapshot
/// taken within <see cref="Window"/> of publishing, or, once the window has passed, still at most <see cref="AtMost"/>.
/// Exactly one of the two thresholds is set. A rate counts only once its denominator reaches <see cref="Sample"/>
/// (<see cref="MinSample"/>, or a default): 2 likes on 5 views is not a 40% engagement rate worth amplifying.
/// </summary>
public sealed record RuleCondition(RuleMetric Metric, double? AtLeast, double? AtMost, TimeSpan Window, long? MinSample = null)
{
    /// <summary>The views an engagement rate needs, when the rule does not say.</summary>
    public const long DefaultMinViews = 100;

    /// <summary>The clicks a conversion rate needs, when the rule does not say.</summary>
    public const long DefaultMinClicks = 20;

    /// <summary>The denominator a rate needs before it counts: views for an engagement rate, clicks for a conversion rate; null for counts.</summary>
    public long? Sample => Metric switch
    {
        RuleMetric.EngagementRate => MinSample ?? DefaultMinViews,
        RuleMetric.ConversionRate => MinSample ?? DefaultMinClicks,
        _ => null,
    };

    /// <summary>At most this many rules on one campaign.</summary>
    public const int MaxRules = 10;

    /// <summary>The longest window: a week.</summary>
    public const double MaxWithinMinutes = 7 * 24 * 60;

    /// <summary>When the window of a push published at <paramref name="publishedAt"/> closes.</summary>
    public DateTimeOffset WindowEnd(DateTimeOffset publishedAt) => publishedAt + Window;
}
