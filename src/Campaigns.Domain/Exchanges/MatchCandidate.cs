namespace Campaigns.Domain.Exchanges;

/// <summary>An account the matcher may pair: its audience, its reach and where it stands on the ledger.</summary>
public sealed record MatchCandidate(
    string AccountId,
    IReadOnlyDictionary<string, double> AudienceTags,
    long Followers,
    CreditPosition Position = default);
