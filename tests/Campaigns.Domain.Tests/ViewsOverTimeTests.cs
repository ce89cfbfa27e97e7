using Campaigns.Domain.Reports;

namespace Campaigns.Domain.Tests;

public sealed class ViewsOverTimeTests
{
    private static readonly TimeBuckets FourBuckets = new(DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1), 4, DateTimeOffset.UnixEpoch.AddMinutes(4));

    [Fact]
    public void Increases_accumulate_per_wave()
    {
        var series = ViewsOverTime.Cumulate(FourBuckets, [0, 1],
        [
            new ViewsIncrease(0, 0, 100),
            new ViewsIncrease(0, 2, 50),
            new ViewsIncrease(1, 1, 10),
            new ViewsIncrease(1, 3, 5),
        ]);

        Assert.Equal([0, 1], series.Select(s => s.Wave));
        Assert.Equal([100L, 100, 150, 150], series[0].Views);
        Assert.Equal([0L, 10, 10, 15], series[1].Views);
    }

    [Fact]
    public void A_wave_without_snapshots_is_a_line_of_zeros_and_strays_are_clamped()
    {
        var series = ViewsOverTime.Cumulate(FourBuckets, [2, 0], [new ViewsIncrease(0, -3, 7), new ViewsIncrease(0, 99, 1)]);

        Assert.Equal([7L, 7, 7, 8], series[0].Views);
        Assert.Equal([0L, 0, 0, 0], series[1].Views);
    }

    [Fact]
    public void A_late_older_snapshot_still_telescopes_to_the_latest_value()
    {
        // One push: 1,000 views at bucket 1, then a snapshot stamped earlier (bucket 0) with 400 delivered late.
        // Ordered by time its increases are +400 (bucket 0) and +600 (bucket 1).
        var series = ViewsOverTime.Cumulate(FourBuckets, [0], [new ViewsIncrease(0, 0, 400), new ViewsIncrease(0, 1, 600)]);

        Assert.Equal([400L, 1_000, 1_000, 1_000], series[0].Views);
    }
}
