using Campaigns.Domain.Waves;

namespace Campaigns.Domain.Tests;

public sealed class WaveGatesTests
{
    private static readonly DateTimeOffset Since = DateTimeOffset.Parse("2026-12-01T04:00:00Z");

    [Theory]
    // minViews, minRate, stop on timeout, views, interactions, seconds waited (max wait 60 s) → verdict
    [InlineData(100_000L, null, false, 99_999L, 0L, 10, GateVerdict.Wait)]
    [InlineData(100_000L, null, false, 100_000L, 0L, 10, GateVerdict.Open)]
    [InlineData(null, 0.05, false, 1000L, 49L, 10, GateVerdict.Wait)]
    [InlineData(null, 0.05, false, 1000L, 50L, 10, GateVerdict.Open)]
    [InlineData(null, 0.05, false, 0L, 0L, 10, GateVerdict.Wait)] // nobody saw it: no rate at all
    [InlineData(100_000L, 0.05, false, 150_000L, 3_000L, 10, GateVerdict.Wait)] // views hold, rate does not: both must
    [InlineData(100_000L, 0.05, false, 150_000L, 9_000L, 10, GateVerdict.Open)]
    [InlineData(100_000L, null, false, 10L, 0L, 59, GateVerdict.Wait)]
    [InlineData(100_000L, null, false, 10L, 0L, 60, GateVerdict.TimedOutRelease)] // the deadline itself times out
    [InlineData(100_000L, null, true, 10L, 0L, 61, GateVerdict.TimedOutStop)]
    [InlineData(100_000L, null, true, 100_000L, 0L, 600, GateVerdict.Open)] // a gate that holds opens, however late
    public void A_gate_opens_when_every_threshold_holds_and_times_out_as_configured(
        long? minViews, double? minRate, bool stop, long views, long interactions, int waitedSeconds, GateVerdict expected)
    {
        var rule = new WaveGateRule(minViews, minRate, TimeSpan.FromSeconds(60), stop);
        var reading = new GateReading(1, views, interactions, 0, 0);

        Assert.Equal(expected, WaveGates.Decide(rule, reading, Since, Since.AddSeconds(waitedSeconds)));
    }

    [Fact]
    public void The_engagement_rate_counts_likes_comments_and_shares_over_views()
    {
        Assert.Equal(0.06, new GateReading(2, 1000, 40, 15, 5).EngagementRate, 10);
        Assert.Equal(0, new GateReading(0, 0, 0, 0, 0).EngagementRate);
    }

    [Fact]
    public void The_numbers_name_every_threshold_given_and_what_was_measured()
    {
        var numbers = WaveGates.Numbers(2, 1, new WaveGateRule(100_000, 0.05, TimeSpan.FromMinutes(0.5), false),
            new GateReading(3, 150_000, 8_000, 700, 300), TimeSpan.FromSeconds(12.34));

        Assert.Equal("wave=2 source=1 published=3 views=150000 minViews=100000 engagementRate=0.0600 minEngagementRate=0.05 waitedSeconds=12.3 maxWaitMinutes=0.5", numbers);
    }
}
