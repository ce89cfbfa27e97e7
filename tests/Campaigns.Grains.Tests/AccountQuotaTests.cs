using Campaigns.Connectors.Platforms;
using Campaigns.Connectors.Platforms.TikTok;
using Campaigns.Grains.Accounts;
using Microsoft.Extensions.Time.Testing;

namespace Campaigns.Grains.Tests;

/// <summary>The per-user call quotas an account grain keeps before calling its platform, on a fake clock.</summary>
public sealed class AccountQuotaTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TikTok_allows_six_publishes_a_minute_per_token_and_says_when_the_seventh_may_go()
    {
        // Guarded by CallWindow.TryTake's "if (_calls.Count >= limit)": without it every call is let through.
        var quotas = new AccountQuotas(new TikTokOptions(), _clock);
        var first = _clock.GetUtcNow();
        for (var i = 0; i < 6; i++)
        {
            Assert.Null(quotas.TakePublish());
            _clock.Advance(TimeSpan.FromSeconds(5));
        }

        var refused = quotas.TakePublish();

        Assert.NotNull(refused);
        Assert.Equal(FailureKind.RateLimited, refused.Kind);
        Assert.Equal("publish_quota", refused.Code);
        Assert.Equal(first + TimeSpan.FromMinutes(1), _clock.GetUtcNow() + refused.RetryAfter!.Value);
        _clock.Advance(refused.RetryAfter.Value - TimeSpan.FromMilliseconds(1));
        Assert.NotNull(quotas.TakePublish());
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(quotas.TakePublish());
    }

    [Fact]
    public void TikTok_allows_thirty_status_fetches_a_minute_counted_apart_from_publishes()
    {
        // Guarded by CallWindow.TryTake's "if (_calls.Count >= limit)" in AccountQuotas' own _statuses window (StatusQuota):
        // without it the thirty-first fetch is let through.
        var quotas = new AccountQuotas(new TikTokOptions(), _clock);
        for (var i = 0; i < 30; i++)
        {
            Assert.Null(quotas.TakeStatus());
        }
        Assert.Equal("status_quota", quotas.TakeStatus()?.Code);
        Assert.Null(quotas.TakePublish());
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(quotas.TakeStatus());
    }

    [Fact]
    public void A_quota_of_zero_is_no_limit()
    {
        var window = new CallWindow(0, TimeSpan.FromMinutes(1));
        for (var i = 0; i < 1000; i++)
        {
            Assert.Null(window.TryTake(_clock.GetUtcNow()));
        }
    }
}
