namespace Campaigns.Benchmarks.Infrastructure;

/// <summary>Nearest-rank percentiles over a sample.</summary>
public static class Stats
{
    public static double Percentile(IReadOnlyList<double> sample, double percent)
    {
        if (sample.Count == 0)
        {
            throw new ArgumentException("empty sample");
        }
        var sorted = sample.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IReadOnlyList<double> sample) => Percentile(sample, 50);
}
