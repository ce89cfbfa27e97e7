namespace Campaigns.Grains.Abstractions.Exchanges;

/// <summary>The <c>Campaigns:Exchanges</c> section: the credit limit and what the matcher calls fair.</summary>
public sealed class ExchangeOptions
{
    public const string Section = "Campaigns:Exchanges";

    /// <summary>
    /// No account's balance may be able to leave ±this many credits, whatever its pending exchanges do. The default,
    /// 10,000 credits, is the worth of one post by a 10-million-follower account (credits are per thousand followers):
    /// room for one exchange between two such accounts, or for dozens between ordinary ones.
    /// </summary>
    public long CreditLimit { get; set; } = 10_000;

    /// <summary>The least audience similarity (cosine of weighted audience tags) of a proposed pair.</summary>
    public double MinSimilarity { get; set; } = Domain.Exchanges.MatchRules.DefaultMinSimilarity;

    /// <summary>The least reach ratio (smaller followers over larger) of a proposed pair.</summary>
    public double MinReachRatio { get; set; } = Domain.Exchanges.MatchRules.DefaultMinReachRatio;

    /// <summary>
    /// How often pending credits whose push has settled are settled by a durable job, when the direct settlement was
    /// lost (a crash, a campaign cancelled in bulk).
    /// </summary>
    public int ReconcileSeconds { get; set; } = 60;

    /// <summary>Why the settings are unusable, or null.</summary>
    public string? Problem() =>
        CreditLimit < 1 ? "CreditLimit must be at least 1."
        : MinSimilarity is < 0 or > 1 ? "MinSimilarity must be within 0..1."
        : MinReachRatio is < 0 or > 1 ? "MinReachRatio must be within 0..1."
        : ReconcileSeconds < 1 ? "ReconcileSeconds must be at least 1."
        : null;
}
