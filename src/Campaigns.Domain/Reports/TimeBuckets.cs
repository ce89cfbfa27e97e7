namespace Campaigns.Domain.Reports;

/// <summary>
/// How a report cuts time into buckets: a round size (1 s, 5 min, 1 h, 1 day, …) chosen so that at most
/// <see cref="MaxBuckets"/> cover [from, to], starting at a multiple of the size since the Unix epoch so bucket edges
/// fall on round instants. Bucket i holds the instants in [Start + i·Size, Start + (i+1)·Size).
/// </summary>
/// <param name="Start">The start of the first bucket.</param>
/// <param name="Size">The length of every bucket.</param>
/// <param name="Count">How many buckets there are; the last one contains <paramref name="To"/>.</param>
/// <param name="To">The end of the period covered.</param>
public sealed record TimeBuckets(DateTimeOffset Start, TimeSpan Size, int Count, DateTimeOffset To)
{
    /// <summary>The most buckets (so the most points of a series) a report has.</summary>
    public const int MaxBuckets = 50;

    private static readonly TimeSpan[] RoundSizes =
    [
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10),
        TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(3), TimeSpan.FromHours(6),
        TimeSpan.FromHours(12), TimeSpan.FromDays(1), TimeSpan.FromDays(2), TimeSpan.FromDays(7),
    ];

    /// <summary>The smallest round buckets that cover [from, to] in at most <see cref="MaxBuckets"/>.</summary>
    public static TimeBuckets Cover(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
        {
            to = from;
        }
        foreach (var size in Sizes())
        {
            var start = Floor(from, size);
            var count = (to - start).Ticks / size.Ticks + 1;
            if (count <= MaxBuckets)
            {
                return new TimeBuckets(start, size, (int)count, to);
            }
        }
        throw new InvalidOperationException("Unreachable: bucket sizes grow without bound.");
    }

    /// <summary>The bucket of an instant, clamped to the first and last bucket.</summary>
    public int IndexOf(DateTimeOffset at) => (int)Math.Clamp((at - Start).Ticks / Size.Ticks, 0, Count - 1);

    /// <summary>Where the cumulative value of bucket <paramref name="index"/> is plotted: its end, or <see cref="To"/> for the last.</summary>
    public DateTimeOffset PointAt(int index) => index >= Count - 1 ? To : Start + Size * (index + 1);

    private static IEnumerable<TimeSpan> Sizes()
    {
        foreach (var size in RoundSizes)
        {
            yield return size;
        }
        for (var weeks = 2; ; weeks *= 2)
        {
            yield return TimeSpan.FromDays(7 * weeks);
        }
    }

    private static DateTimeOffset Floor(DateTimeOffset instant, TimeSpan size)
    {
        var sinceEpoch = instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var floored = sinceEpoch - (((sinceEpoch % size.Ticks) + size.Ticks) % size.Ticks);
        return new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + floored, TimeSpan.Zero);
    }
}
