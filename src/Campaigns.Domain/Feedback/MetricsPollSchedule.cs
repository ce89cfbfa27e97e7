namespace Campaigns.Domain.Feedback;

/// <summary>
/// When a post published on a real platform is next asked for its engagement. A post moves most in its first days, so
/// it is polled every platform interval for <see cref="FastWindow"/>, then once a day until <see cref="Horizon"/>, then
/// never again. Polls fall on fixed slots counted from the publish instant (publish + k × interval, then 72 h + k days),
/// so a round that runs late does not push every later poll back with it.
/// </summary>
public static class MetricsPollSchedule
{
    /// <summary>How long after publishing a post is polled every interval (72 hours).</summary>
    public static readonly TimeSpan FastWindow = TimeSpan.FromHours(72);

    /// <summary>How long after publishing a post is polled at all (30 days).</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(30);

    /// <summary>The period after the fast window (one day).</summary>
    public static readonly TimeSpan Daily = TimeSpan.FromDays(1);

    /// <summary>
    /// The first slot strictly after <paramref name="after"/> (the last poll, or the publish instant before the first
    /// poll) for a post published at <paramref name="publishedAt"/> on a platform polled every
    /// <paramref name="interval"/>; null when the post is past its horizon and is not polled again.
    /// </summary>
    public static DateTimeOffset? Next(DateTimeOffset publishedAt, DateTimeOffset after, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        var fastEnd = publishedAt + FastWindow;
        var end = publishedAt + Horizon;
        if (after < publishedAt)
        {
            after = publishedAt;
        }
        if (after < fastEnd)
        {
            var slot = publishedAt + Times(Slots(after - publishedAt, interval) + 1, interval);
            return slot < fastEnd ? slot : fastEnd;
        }
        if (after >= end)
        {
            return null;
        }
        var daily = fastEnd + Times(Slots(after - fastEnd, Daily) + 1, Daily);
        return daily < end ? daily : end;
    }

    /// <summary>Whole periods in a span.</summary>
    private static long Slots(TimeSpan span, TimeSpan period) => span.Ticks / period.Ticks;

    /// <summary><paramref name="count"/> periods, exactly (no floating point).</summary>
    private static TimeSpan Times(long count, TimeSpan period) => TimeSpan.FromTicks(count * period.Ticks);
}
