using Campaigns.Domain.Feedback;

namespace Campaigns.Domain.Rules;

/// <summary>One cumulative engagement snapshot of a push and when it was taken.</summary>
public sealed record RuleObservation(DateTimeOffset At, EngagementSnapshot Metrics);
