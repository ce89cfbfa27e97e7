namespace Campaigns.Domain.Exchanges;

/// <summary>
/// What a post of an exchange is worth on the credit ledger. The account that posts (the host) earns the worth and
/// the account whose content it posts pays it, so reach is traded for reach.
/// <para>
/// Worth is one credit per thousand followers of the host, rounded, and at least one. Per thousand because that is
/// the unit advertisers already price reach in (CPM), so a balance reads as "thousands of followers reached"; at least
/// one because every post costs its host a slot in its caps, so a post from a small account is never free.
/// </para>
/// </summary>
public static class ExchangeCredits
{
    /// <summary>Followers that make one credit.</summary>
    public const long FollowersPerCredit = 1000;

    /// <summary>The credits a post by an account with <paramref name="followers"/> followers is worth.</summary>
    public static long Worth(long followers) =>
        Math.Max(1, (long)Math.Round(Math.Max(followers, 0) / (double)FollowersPerCredit, MidpointRounding.AwayFromZero));
}
