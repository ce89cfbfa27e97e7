namespace Campaigns.Storage.Campaigns;

/// <summary>
/// The seven cumulative engagement counters as rows carry them: a push's latest snapshot or one stored snapshot (sums
/// over many pushes are <see cref="ReadModel.EngagementSumsRow"/>). Setters rather than a record: SQLite and PostgreSQL return integers of different widths, and
/// Dapper converts on property assignment.
/// </summary>
public abstract class EngagementCountersRow
{
    /// <summary>GMV is stored as a whole number of ten-thousandths of the currency unit: stored ÷ this = amount.</summary>
    public const decimal GmvScale = 10_000m;

    public long Views { get; set; }
    public long Likes { get; set; }
    public long Comments { get; set; }
    public long Shares { get; set; }
    public long Clicks { get; set; }
    public long Orders { get; set; }

    /// <summary>Gross merchandise value in ten-thousandths of the currency unit.</summary>
    public long Gmv { get; set; }

    /// <summary>These counters as a snapshot taken at <paramref name="at"/> (Unix milliseconds).</summary>
    public MetricsRow ToMetrics(long at) => new(at, Views, Likes, Comments, Shares, Clicks, Orders, Gmv);
}
