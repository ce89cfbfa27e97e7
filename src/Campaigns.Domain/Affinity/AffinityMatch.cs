namespace Campaigns.Domain.Affinity;

/// <summary>An account's place in a ranking.</summary>
public sealed record AffinityMatch(string AccountId, double Score, long Followers);
