namespace Campaigns.Domain.Rules;

/// <summary>
/// Decides whether a rule fires for one push, from the push's publishing instant, its snapshots and the time now.
/// <list type="bullet">
/// <item><c>atLeast</c>: fires as soon as a snapshot taken within the window (publishedAt ≤ at ≤ publishedAt + window)
/// meets the threshold; the earliest such snapshot is the one reported. Snapshots after the window never count,
/// but one taken inside it and delivered late still does, so an <c>atLeast</c> never passes for good.</item>
/// <item><c>atMost</c>: time decides. Before the window closes nothing happens; after it, the latest snapshot is
/// judged: at most the threshold fires, above it passes (final). No snapshot, or a rate whose denominator has not
/// reached the rule's sample, is no evidence of under-performance: it waits.</item>
/// </list>
/// </summary>
public static class RuleEvaluation
{
    public static RuleVerdict Evaluate(RuleCondition rule, DateTimeOffset publishedAt, IEnumerable<RuleObservation> observations, DateTimeOffset now)
    {
        var windowEnd = rule.WindowEnd(publishedAt);
        if (rule.AtLeast is { } least)
        {
            foreach (var o in observations.Where(o => o.At >= publishedAt && o.At <= windowEnd).OrderBy(o => o.At))
            {
                if (RuleMetrics.Value(rule.Metric, o.Metrics, rule.Sample ?? 1) is { } value && value >= least)
                {
                    return new RuleVerdict(RuleDecision.Fire, value, o.At);
                }
            }
            return RuleVerdict.Wait;
        }

        var most = rule.AtMost ?? throw new ArgumentException("A rule needs atLeast or atMost.", nameof(rule));
        if (now < windowEnd || observations.MaxBy(o => o.At) is not { } latest || RuleMetrics.Value(rule.Metric, latest.Metrics, rule.Sample ?? 1) is not { } current)
        {
            return RuleVerdict.Wait;
        }
        return new RuleVerdict(current <= most ? RuleDecision.Fire : RuleDecision.Pass, current, latest.At);
    }
}
