namespace Campaigns.Domain.Reports;

/// <summary>The cumulative views of one wave at the end of each bucket.</summary>
/// <param name="Wave">The wave.</param>
/// <param name="Views">One value per bucket, never decreasing while every snapshot only grows.</param>
public sealed record WaveSeries(int Wave, IReadOnlyList<long> Views);

/// <summary>
/// The increase in views a bucket saw for a wave: the sum, over the snapshots taken in the bucket that became their
/// push's latest, of each one's views minus the views of the latest it replaced (0 for a push's first).
/// </summary>
/// <param name="Wave">The wave.</param>
/// <param name="Bucket">The bucket index (may lie outside the buckets; it is clamped).</param>
/// <param name="Views">The increase.</param>
public sealed record ViewsIncrease(int Wave, long Bucket, long Views);

/// <summary>
/// Turns per-bucket increases into cumulative series. Summing a push's increases up to an instant gives the views of
/// its latest snapshot taken by then (the sum telescopes), so each wave's series is exact at every bucket end.
/// </summary>
public static class ViewsOverTime
{
    /// <summary>One series per wave, in wave order; a wave without snapshots is a line of zeros.</summary>
    public static IReadOnlyList<WaveSeries> Cumulate(TimeBuckets buckets, IEnumerable<int> waves, IEnumerable<ViewsIncrease> increases)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var perWave = waves.Distinct().ToDictionary(w => w, _ => new long[buckets.Count]);
        foreach (var increase in increases)
        {
            if (!perWave.TryGetValue(increase.Wave, out var values))
            {
                values = perWave[increase.Wave] = new long[buckets.Count];
            }
            values[(int)Math.Clamp(increase.Bucket, 0, buckets.Count - 1)] += increase.Views;
        }
        return perWave.OrderBy(w => w.Key).Select(w => new WaveSeries(w.Key, RunningSum(w.Value))).ToList();
    }

    private static long[] RunningSum(long[] values)
    {
        var sum = 0L;
        return values.Select(v => sum += v).ToArray();
    }
}
