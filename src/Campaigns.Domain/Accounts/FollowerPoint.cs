namespace Campaigns.Domain.Accounts;

/// <summary>An account's follower count at one instant.</summary>
public sealed record FollowerPoint(DateTimeOffset At, long Count);
