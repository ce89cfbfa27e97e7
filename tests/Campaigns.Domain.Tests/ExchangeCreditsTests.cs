using Campaigns.Domain.Exchanges;

namespace Campaigns.Domain.Tests;

public sealed class ExchangeCreditsTests
{
    [Theory]
    [InlineData(0, 1)]              // a post is never free
    [InlineData(-5, 1)]
    [InlineData(499, 1)]
    [InlineData(1_499, 1)]
    [InlineData(1_500, 2)]          // halves round away from zero
    [InlineData(120_000, 120)]
    [InlineData(10_000_000, 10_000)]
    public void A_post_is_worth_one_credit_per_thousand_followers_of_its_host_and_at_least_one(long followers, long credits)
    {
        Assert.Equal(credits, ExchangeCredits.Worth(followers));
    }

    [Fact]
    public void Each_side_earns_its_own_worth_for_hosting_and_pays_its_partners()
    {
        var terms = ExchangeTerms.For(followersA: 120_000, followersB: 80_000);

        Assert.Equal((120, 80), (terms.CreditsA, terms.CreditsB));
        Assert.Equal(new CreditPosition(0, PendingIn: 120, PendingOut: 80), terms.ForA(default));
        Assert.Equal(new CreditPosition(0, PendingIn: 80, PendingOut: 120), terms.ForB(default));
    }

    [Theory]
    [InlineData(0, 120, true)]      // A could reach +120, B −120: both within ±120
    [InlineData(0, 119, false)]
    [InlineData(-50, 170, true)]    // A starts at −50: −130..70; B at +50: −70..130
    [InlineData(-50, 129, false)]
    public void An_exchange_fits_when_both_sides_stay_within_the_limit_whatever_publishes(long settledA, long limit, bool fits)
    {
        var terms = ExchangeTerms.For(120_000, 80_000);

        Assert.Equal(fits, terms.Fits(new CreditPosition(settledA, 0, 0), new CreditPosition(-settledA, 0, 0), limit));
    }

    [Fact]
    public void Every_subset_of_pending_credits_that_settles_lands_within_the_positions_range()
    {
        long[] earns = [30, 5, 12], pays = [20, 25];
        var position = new CreditPosition(-7, earns.Sum(), pays.Sum());
        var legs = earns.Concat(pays.Select(p => -p)).ToArray();

        var balances = Enumerable.Range(0, 1 << legs.Length)
            .Select(mask => position.Settled + legs.Where((_, i) => (mask & (1 << i)) != 0).Sum())
            .ToList();

        Assert.Equal((position.Lowest, position.Highest), (balances.Min(), balances.Max()));
        Assert.Contains(position.Projected, balances);
        Assert.Equal((-52, 40, -5), (position.Lowest, position.Highest, position.Projected));
        Assert.True(position.Within(52));
        Assert.False(position.Within(51));
    }
}
