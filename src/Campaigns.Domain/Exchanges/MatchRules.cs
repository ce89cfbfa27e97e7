namespace Campaigns.Domain.Exchanges;

/// <summary>
/// What makes a pair fair: audiences at least <see cref="MinSimilarity"/> alike (cosine of their weighted tags),
/// reach at least <see cref="MinReachRatio"/> of each other (smaller followers over larger), and neither account
/// carried outside ±<see cref="CreditLimit"/> by the exchange.
/// </summary>
public sealed record MatchRules(double MinSimilarity, double MinReachRatio, long CreditLimit)
{
    /// <summary>Half-aligned audiences: most of what one cares about, the other cares about too.</summary>
    public const double DefaultMinSimilarity = 0.5;

    /// <summary>Neither account has more than twice the other's followers.</summary>
    public const double DefaultMinReachRatio = 0.5;
}
