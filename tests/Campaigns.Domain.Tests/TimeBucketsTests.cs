using Campaigns.Domain.Reports;

namespace Campaigns.Domain.Tests;

public sealed class TimeBucketsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 1)]             // one instant: one one-second bucket
    [InlineData(30, 1)]            // 30 s: 1 s buckets
    [InlineData(49, 1)]
    [InlineData(120, 5)]           // 2 min: 5 s buckets
    [InlineData(3_600, 120)]       // 1 h: 2 min buckets
    [InlineData(86_400, 1_800)]    // 1 day: 30 min buckets
    [InlineData(604_800, 21_600)]  // 1 week: 6 h buckets
    public void The_smallest_round_size_that_fits_in_fifty_buckets_is_chosen(int spanSeconds, int expectedSizeSeconds)
    {
        var buckets = TimeBuckets.Cover(Noon, Noon.AddSeconds(spanSeconds));

        Assert.Equal(TimeSpan.FromSeconds(expectedSizeSeconds), buckets.Size);
        Assert.InRange(buckets.Count, 1, TimeBuckets.MaxBuckets);
        Assert.True(buckets.Start <= Noon && buckets.Start + buckets.Size * buckets.Count > Noon.AddSeconds(spanSeconds));
    }

    [Fact]
    public void Buckets_start_on_a_round_instant_and_the_last_point_is_the_end()
    {
        var from = new DateTimeOffset(2026, 12, 1, 12, 7, 41, TimeSpan.FromHours(8));

        var buckets = TimeBuckets.Cover(from, from.AddHours(3));

        Assert.Equal(TimeSpan.FromMinutes(5), buckets.Size);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 4, 5, 0, TimeSpan.Zero), buckets.Start);
        Assert.Equal(from.AddHours(3), buckets.PointAt(buckets.Count - 1));
        Assert.Equal(buckets.Start.AddMinutes(5), buckets.PointAt(0));
    }

    [Fact]
    public void Years_still_fit()
    {
        var buckets = TimeBuckets.Cover(Noon, Noon.AddDays(3 * 365));

        Assert.InRange(buckets.Count, 1, TimeBuckets.MaxBuckets);
    }

    [Fact]
    public void Instants_outside_are_clamped_to_the_first_and_last_bucket()
    {
        var buckets = TimeBuckets.Cover(Noon, Noon.AddMinutes(10));

        Assert.Equal(0, buckets.IndexOf(Noon.AddDays(-1)));
        Assert.Equal(buckets.Count - 1, buckets.IndexOf(Noon.AddDays(1)));
    }
}
