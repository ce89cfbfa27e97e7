using Campaigns.Domain.Accounts;

namespace Campaigns.Domain.Tests;

public sealed class TokenRefreshTimingTests
{
    private static readonly DateTimeOffset Obtained = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    // lifetime (minutes), minutes after obtaining, due?
    [InlineData(120, 107, false)]  // TikTok, 2 h: lead 12 min, so not before 108
    [InlineData(120, 108, true)]
    [InlineData(60, 53, false)]    // YouTube, 1 h: lead 6 min
    [InlineData(60, 54, true)]
    [InlineData(5, 3, false)]      // a 5-minute token: lead held at the 1-minute floor
    [InlineData(5, 4, true)]
    [InlineData(86_400, 84_959, false)] // Instagram, 60 days: lead capped at one day
    [InlineData(86_400, 84_960, true)]
    [InlineData(120, 500, true)]   // long expired
    public void A_token_is_renewed_in_the_last_tenth_of_its_own_lifetime_within_a_minute_and_a_day(int lifetimeMinutes, int atMinute, bool due)
    {
        var expires = Obtained.AddMinutes(lifetimeMinutes);
        Assert.Equal(due, TokenRefreshTiming.IsDue(Obtained, expires, Obtained.AddMinutes(atMinute)));
    }

    [Fact]
    public void A_token_without_a_stated_expiry_is_never_renewed_ahead()
    {
        Assert.False(TokenRefreshTiming.IsDue(Obtained, null, Obtained.AddYears(1)));
    }

    [Fact]
    public void A_token_that_expired_before_it_was_obtained_gets_the_shortest_lead()
    {
        Assert.Equal(TokenRefreshTiming.MinLead, TokenRefreshTiming.Lead(Obtained, Obtained.AddMinutes(-1)));
    }
}
