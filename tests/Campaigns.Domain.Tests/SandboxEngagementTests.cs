using Campaigns.Domain.Common;
using Campaigns.Domain.Feedback;

namespace Campaigns.Domain.Tests;

public sealed class SandboxEngagementTests
{
    private const string Post = "sbx_019a6f3c2b1e4f7a9c0d12";

    [Theory]
    [InlineData("sbx_a", 0L)]
    [InlineData("sbx_b", 1_000L)]
    [InlineData("sbx_c", 2_500_000L)]
    public void Nothing_happens_at_the_moment_of_publishing(string post, long followers) =>
        Assert.Equal(EngagementSnapshot.Zero, SandboxEngagement.At(post, followers, TimeSpan.Zero, 1));

    [Theory]
    [InlineData(-5)]
    [InlineData(-3600)]
    public void Time_before_publishing_counts_as_zero(int seconds) =>
        Assert.Equal(EngagementSnapshot.Zero, SandboxEngagement.At(Post, 50_000, TimeSpan.FromSeconds(seconds), 1));

    [Theory]
    [InlineData(Post, 120_000L, 90)]
    [InlineData("sbx_other", 5_000L, 600)]
    public void The_same_post_reports_the_same_numbers_every_time(string post, long followers, int minutes)
    {
        var first = SandboxEngagement.At(post, followers, TimeSpan.FromMinutes(minutes), 1);
        var second = SandboxEngagement.At(post, followers, TimeSpan.FromMinutes(minutes), 1);

        Assert.Equal(first, second);
        Assert.True(first.Views > 0);
    }

    [Theory]
    [InlineData(Post, 0L)]
    [InlineData(Post, 120_000L)]
    [InlineData("sbx_tiny", 50L)]
    [InlineData("sbx_huge", 80_000_000L)]
    public void Every_figure_only_grows_over_time(string post, long followers)
    {
        var previous = EngagementSnapshot.Zero;
        for (var minute = 0; minute <= 72 * 60; minute += 7)
        {
            var now = SandboxEngagement.At(post, followers, TimeSpan.FromMinutes(minute), 1);
            Assert.True(now.Views >= previous.Views, $"views fell at minute {minute}");
            Assert.True(now.Likes >= previous.Likes, $"likes fell at minute {minute}");
            Assert.True(now.Comments >= previous.Comments, $"comments fell at minute {minute}");
            Assert.True(now.Shares >= previous.Shares, $"shares fell at minute {minute}");
            Assert.True(now.Clicks >= previous.Clicks, $"clicks fell at minute {minute}");
            Assert.True(now.Orders >= previous.Orders, $"orders fell at minute {minute}");
            Assert.True(now.Gmv >= previous.Gmv, $"GMV fell at minute {minute}");
            previous = now;
        }
    }

    [Fact]
    public void Views_saturate_below_the_audience()
    {
        const long followers = 200_000;
        var day = SandboxEngagement.At(Post, followers, TimeSpan.FromDays(3), 1);
        var month = SandboxEngagement.At(Post, followers, TimeSpan.FromDays(30), 1);

        Assert.Equal(day.Views, month.Views);
        Assert.True(month.Views <= followers + SandboxEngagement.OrganicAudience);
    }

    [Theory]
    [InlineData(10_000L, 1_000_000L)]
    [InlineData(0L, 50_000L)]
    public void More_followers_mean_more_views(long fewer, long more)
    {
        var small = SandboxEngagement.At(Post, fewer, TimeSpan.FromHours(6), 1);
        var large = SandboxEngagement.At(Post, more, TimeSpan.FromHours(6), 1);

        Assert.True(large.Views > small.Views);
    }

    [Theory]
    [InlineData(3600.0, 1, 3600)]
    [InlineData(60.0, 30, 1800)]
    [InlineData(0.5, 7200, 3600)]
    public void The_time_scale_stretches_real_time(double timeScale, int realSeconds, int simulatedSeconds) =>
        Assert.Equal(
            SandboxEngagement.At(Post, 75_000, TimeSpan.FromSeconds(simulatedSeconds), 1),
            SandboxEngagement.At(Post, 75_000, TimeSpan.FromSeconds(realSeconds), timeScale));

    [Fact]
    public void Orders_follow_clicks_and_gmv_follows_orders()
    {
        var early = SandboxEngagement.At(Post, 5_000_000, TimeSpan.FromHours(3), 1);
        var late = SandboxEngagement.At(Post, 5_000_000, TimeSpan.FromDays(2), 1);

        Assert.InRange(late.Clicks, 1, late.Views);
        Assert.InRange(late.Orders, 1, late.Clicks);
        Assert.InRange(early.Orders, 1, late.Orders - 1);
        // One price per post: every order is worth the same.
        Assert.Equal(early.Gmv / early.Orders, late.Gmv / late.Orders);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_time_scale_must_be_positive(double timeScale) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SandboxEngagement.At(Post, 1, TimeSpan.FromHours(1), timeScale));

    [Fact]
    public void Stable_hash_does_not_change_between_runs()
    {
        // Pinned values: a change here would silently change every sandbox post's numbers.
        Assert.Equal(8277833915474529053UL, StableHash.Of("sandbox"));
        Assert.NotEqual(StableHash.Of("key#1"), StableHash.Of("key#2"));
        Assert.InRange(StableHash.Unit("anything"), 0.0, 1.0);
    }

    [Fact]
    public void Stable_hash_spreads_similar_keys_evenly()
    {
        var below = Enumerable.Range(0, 10_000).Count(i => StableHash.Unit($"push-42#{i}") < 0.3);

        Assert.InRange(below, 2_800, 3_200);
    }
}
