using Campaigns.Domain.Feedback;

namespace Campaigns.Domain.Tests;

public sealed class MetricsPollScheduleTests
{
    private static readonly DateTimeOffset Published = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(900);

    [Theory]
    // minutes after publishing of the last poll (or of nothing yet) → minutes after publishing of the next poll
    [InlineData(0, 15)]                // first poll one interval after publishing
    [InlineData(1, 15)]
    [InlineData(15, 30)]               // exactly on a slot: the next slot
    [InlineData(22, 30)]               // a late round does not shift the slots
    [InlineData(4_305, 4_320)]         // 71 h 45: the last fast slot is 72 h itself
    [InlineData(4_314, 4_320)]
    [InlineData(4_320, 5_760)]         // at 72 h: daily from there (guard: the "after < fastEnd" branch)
    [InlineData(4_500, 5_760)]
    [InlineData(5_760, 7_200)]
    [InlineData(41_760, 43_200)]       // 29 days → the last poll at 30 days
    [InlineData(42_000, 43_200)]
    [InlineData(-5, 15)]               // a poll stamped before publishing counts from publishing
    public void Polls_every_interval_for_72_hours_then_daily_on_fixed_slots(int afterMinutes, int nextMinutes)
    {
        Assert.Equal(Published.AddMinutes(nextMinutes), MetricsPollSchedule.Next(Published, Published.AddMinutes(afterMinutes), Interval));
    }

    [Theory]
    [InlineData(43_200)]   // polled at 30 days: that was the last
    [InlineData(43_201)]
    [InlineData(100_000)]  // found long after its horizon (an outage, or an old post)
    public void Stops_at_30_days(int afterMinutes)
    {
        // Guarded by Next's "if (after >= end) return null" (with "daily < end ? daily : end"): without them a post is
        // polled daily for ever.
        Assert.Null(MetricsPollSchedule.Next(Published, Published.AddMinutes(afterMinutes), Interval));
    }

    [Fact]
    public void An_interval_that_does_not_divide_72_hours_still_polls_at_72_hours_then_daily()
    {
        var seven = TimeSpan.FromMinutes(7);
        Assert.Equal(Published.AddMinutes(4_319), MetricsPollSchedule.Next(Published, Published.AddMinutes(4_313), seven));
        Assert.Equal(Published.AddHours(72), MetricsPollSchedule.Next(Published, Published.AddMinutes(4_319), seven));
    }

    [Fact]
    public void A_whole_life_polls_288_times_in_the_fast_window_and_27_times_after()
    {
        var polls = new List<DateTimeOffset>();
        for (var next = MetricsPollSchedule.Next(Published, Published, Interval); next is { } at; next = MetricsPollSchedule.Next(Published, at, Interval))
        {
            polls.Add(at);
        }
        Assert.Equal(288, polls.Count(p => p <= Published.AddHours(72)));
        Assert.Equal(27, polls.Count(p => p > Published.AddHours(72)));
        Assert.Equal(Published.AddDays(30), polls[^1]);
    }

    [Fact]
    public void A_non_positive_interval_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MetricsPollSchedule.Next(Published, Published, TimeSpan.Zero));
    }
}
