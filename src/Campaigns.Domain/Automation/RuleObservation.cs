using Campaigns.Domain.Engagement;

namespace Campaigns.Domain.Automation;

/// <summary>One cumulative engagement snapshot of a push and when it was taken.</summary>
public sealed record RuleObservation(DateTimeOffset At, EngagementSnapshot Metrics);
