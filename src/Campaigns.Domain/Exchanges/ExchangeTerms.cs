namespace Campaigns.Domain.Exchanges;

/// <summary>
/// The credits of one exchange between A and B: A posts B's content and earns <see cref="CreditsA"/> (its own worth),
/// which B pays; B posts A's content and earns <see cref="CreditsB"/>, which A pays.
/// </summary>
public sealed record ExchangeTerms(long CreditsA, long CreditsB)
{
    /// <summary>The terms for accounts with these follower counts.</summary>
    public static ExchangeTerms For(long followersA, long followersB) =>
        new(ExchangeCredits.Worth(followersA), ExchangeCredits.Worth(followersB));

    /// <summary>A's position with this exchange pending.</summary>
    public CreditPosition ForA(CreditPosition a) => a.Plus(earn: CreditsA, pay: CreditsB);

    /// <summary>B's position with this exchange pending.</summary>
    public CreditPosition ForB(CreditPosition b) => b.Plus(earn: CreditsB, pay: CreditsA);

    /// <summary>True when both accounts stay within ±<paramref name="limit"/> whatever publishes.</summary>
    public bool Fits(CreditPosition a, CreditPosition b, long limit) => ForA(a).Within(limit) && ForB(b).Within(limit);
}
