namespace Campaigns.Domain.Campaigns;

/// <summary>
/// One publication the plan would make. <see cref="ContentOwnerId"/> is set in an exchange plan only: the partner
/// whose content this account posts.
/// </summary>
public sealed record PlannedPush(
    string AccountId,
    string VideoId,
    DateTimeOffset ScheduledAt,
    int Wave,
    string? Caption,
    IReadOnlyList<string> Hashtags,
    string? ContentOwnerId = null);

/// <summary>Something the planner could not do as asked, and why.</summary>
public sealed record PlanWarning(string Code, string Message, string? AccountId = null, string? VideoId = null);

/// <summary>The pushes of a plan, in time order, and the warnings met on the way.</summary>
public sealed record Plan(IReadOnlyList<PlannedPush> Pushes, IReadOnlyList<PlanWarning> Warnings);
