namespace Campaigns.Domain.Automation;

/// <summary>
/// The "when" of an automation rule: one push's <see cref="Metric"/> is at least <see cref="AtLeast"/> in a snapshot
/// taken within <see cref="Window"/> of publishing, or, once the window has passed, still at most <see cref="AtMost"/>.
/// Exactly one of the two thresholds is set.
/// </summary>
public sealed record RuleCondition(RuleMetric Metric, double? AtLeast, double? AtMost, TimeSpan Window)
{
    /// <summary>At most this many rules on one campaign.</summary>
    public const int MaxRules = 10;

    /// <summary>The longest window: a week.</summary>
    public const double MaxWithinMinutes = 7 * 24 * 60;

    /// <summary>When the window of a push published at <paramref name="publishedAt"/> closes.</summary>
    public DateTimeOffset WindowEnd(DateTimeOffset publishedAt) => publishedAt + Window;
}
