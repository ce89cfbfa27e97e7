namespace Campaigns.Domain.Affinity;

/// <summary>An account being ranked: its audience tags (normalised, weights in [0, 1]) and its reach.</summary>
public sealed record AffinityCandidate(string AccountId, IReadOnlyDictionary<string, double> AudienceTags, long Followers);
