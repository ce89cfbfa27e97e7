using Campaigns.Domain.Rules;

namespace Campaigns.Grains.Abstractions.Campaigns;

/// <summary>How a campaign runs. Every kind uses <see cref="CampaignDefinition.Strategy"/> for its base: accounts, videos, start, stagger.</summary>
[GenerateSerializer]
public enum StrategyKind
{
    /// <summary>Matrix cross-posting: the accounts post the videos, staggered.</summary>
    Matrix,

    /// <summary>
    /// Celebrity tie-in rollout: the base accounts (the celebrities) are wave 0; each wave of
    /// <see cref="CampaignDefinition.TieIn"/> is released when the previous wave meets its gate.
    /// </summary>
    CelebrityTieIn,

    /// <summary>Resource exchange: the base accounts are paired by the matcher and post each other's content.</summary>
    Exchange,
}

/// <summary>The waves after the celebrity wave of a tie-in rollout, in order (the first of them is wave 1).</summary>
[GenerateSerializer, Immutable]
public sealed record TieInStrategy([property: Id(0)] List<TieInWave> Waves);

/// <summary>One wave: its accounts (never re-picking accounts of earlier waves), their stagger, and the gate that releases it.</summary>
[GenerateSerializer, Immutable]
public sealed record TieInWave(
    [property: Id(0)] AccountSet Accounts,
    [property: Id(1)] int StaggerSeconds,
    [property: Id(2)] WaveGate Gate);

/// <summary>
/// When a wave is released: the previous wave's published pushes reach <see cref="MinViews"/> total views and/or an
/// engagement rate of <see cref="MinEngagementRate"/> (every threshold given must hold); after
/// <see cref="MaxWaitMinutes"/> the wave is released or the rollout stopped, as <see cref="OnTimeout"/> says. The wait
/// counts from the moment the previous wave was released (for wave 1: the celebrity wave's first scheduled instant)
/// and may be fractional (0.1 is six seconds), so demos and tests need not wait minutes.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WaveGate(
    [property: Id(0)] long? MinViews,
    [property: Id(1)] double? MinEngagementRate,
    [property: Id(2)] double MaxWaitMinutes,
    [property: Id(3)] GateTimeout OnTimeout);

/// <summary>What a gate does when its wait runs out.</summary>
[GenerateSerializer]
public enum GateTimeout
{
    Release,
    Stop,
}

/// <summary>
/// An automation rule: when one push's <see cref="Metric"/> is at least <see cref="AtLeast"/> within
/// <see cref="WithinMinutes"/> of publishing (or, once that window has passed, still at most <see cref="AtMost"/>),
/// do <see cref="Action"/>, with <see cref="Accounts"/> for an amplify. Fires at most once per push; the logic is
/// <see cref="RuleEvaluation"/>. <see cref="WithinMinutes"/> may be fractional (0.1 = six seconds, for demos).
/// <see cref="MinSample"/> (rates only) is the views or clicks a rate needs before it counts; null means the default.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AutomationRule(
    [property: Id(0)] RuleMetric Metric,
    [property: Id(1)] double? AtLeast,
    [property: Id(2)] double? AtMost,
    [property: Id(3)] double WithinMinutes,
    [property: Id(4)] RuleAction Action,
    [property: Id(5)] AccountSet? Accounts,
    [property: Id(6)] long? MinSample = null)
{
    /// <summary>The rule's condition as the domain evaluates it.</summary>
    public RuleCondition ToCondition() => new(Metric, AtLeast, AtMost, TimeSpan.FromMinutes(WithinMinutes), MinSample);
}

/// <summary>What a rule does.</summary>
[GenerateSerializer]
public enum RuleAction
{
    /// <summary>Schedule the winning push's video on more accounts (chosen by affinity), respecting their caps.</summary>
    Amplify,

    /// <summary>Cancel the pushes of the push's account in this campaign that have not fired.</summary>
    StopAccount,
}
