namespace Campaigns.Domain.Rules;

/// <summary>What a rule decided for one push.</summary>
public enum RuleDecision
{
    /// <summary>Nothing yet: the window is open, or there is no snapshot to judge.</summary>
    Wait,

    /// <summary>The condition holds: act, once.</summary>
    Fire,

    /// <summary>The condition can no longer hold (an <c>atMost</c> judged after its window): never act for this push.</summary>
    Pass,
}

/// <summary>A decision with the value that made it and the instant of the snapshot it was read from.</summary>
public sealed record RuleVerdict(RuleDecision Decision, double? Value = null, DateTimeOffset? At = null)
{
    public static RuleVerdict Wait { get; } = new(RuleDecision.Wait);
}
