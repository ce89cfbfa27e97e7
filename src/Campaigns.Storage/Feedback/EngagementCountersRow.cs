namespace Campaigns.Storage.Feedback;

/// <summary>
/// The seven cumulative engagement counters of one snapshot as rows carry them: a push's latest snapshot or one stored
/// snapshot, GMV in ten-thousandths (sums over many pushes are <see cref="Reports.EngagementSumsRow"/>).
/// </summary>
public abstract class EngagementCountersRow : EngagementCounts
{
    /// <summary>GMV is stored as a whole number of ten-thousandths of the currency unit: stored ÷ this = amount.</summary>
    public const decimal GmvScale = 10_000m;

    /// <summary>Gross merchandise value in ten-thousandths of the currency unit.</summary>
    public long Gmv { get; set; }

    /// <summary>These counters as a snapshot taken at <paramref name="at"/> (Unix milliseconds).</summary>
    public MetricsRow ToMetrics(long at) => new(at, Views, Likes, Comments, Shares, Clicks, Orders, Gmv);
}
