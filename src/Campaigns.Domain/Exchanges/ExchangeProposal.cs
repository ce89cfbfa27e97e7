namespace Campaigns.Domain.Exchanges;

/// <summary>
/// A fair pair the matcher proposes. <see cref="AccountA"/> is the one with the smaller id. <see cref="Score"/> is
/// similarity × reach ratio, in [0, 1]; <see cref="Terms"/> are the credits each side would earn.
/// </summary>
public sealed record ExchangeProposal(
    string AccountA,
    string AccountB,
    double Score,
    double Similarity,
    double ReachRatio,
    ExchangeTerms Terms);

/// <summary>An account the matcher left alone, and why (see <see cref="UnpairedReasons"/>).</summary>
public sealed record UnpairedAccount(string AccountId, string Reason);

/// <summary>The pairs proposed, best first, and every account left unpaired.</summary>
public sealed record MatchResult(IReadOnlyList<ExchangeProposal> Proposals, IReadOnlyList<UnpairedAccount> Unpaired);

/// <summary>Why an account was left unpaired: the furthest any of its possible pairs got.</summary>
public static class UnpairedReasons
{
    /// <summary>No other account's audience is similar enough.</summary>
    public const string NoSimilarAudience = "no-similar-audience";

    /// <summary>Similar audiences exist, but none with comparable reach.</summary>
    public const string NoComparableReach = "no-comparable-reach";

    /// <summary>Fair partners exist, but every exchange with them would break the credit limit of one side.</summary>
    public const string CreditLimit = "credit-limit";

    /// <summary>Fair partners exist, but each was paired with a better match first.</summary>
    public const string PartnersTaken = "partners-taken";
}
