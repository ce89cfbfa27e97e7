
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Feedback;
namespace Campaigns.Storage.Reports;

// Classes with setters rather than records: SQLite and PostgreSQL return integers of different widths, and Dapper
// converts on property assignment. Instants are Unix milliseconds, GMV is in ten-thousandths.

/// <summary>
/// Engagement summed over the pushes of one video, account or product. GMV comes in two parts, whole currency units
/// and the ten-thousandths left over, because its stored form (ten-thousandths, up to 10^16 a push) would overflow a
/// 64-bit sum after about 900 pushes at the maximum; the counters, at most 10^12 a push, would need 9 million.
/// </summary>
public sealed class EngagementSumsRow : EngagementCounts
{
    public string Id { get; set; } = "";
    public long Pushes { get; set; }
    public long Published { get; set; }

    /// <summary>The sum of each push's GMV in whole currency units (rounded down).</summary>
    public long GmvUnits { get; set; }

    /// <summary>The sum of each push's GMV below one unit, in ten-thousandths.</summary>
    public long GmvFraction { get; set; }

    /// <summary>The summed GMV as an amount of currency.</summary>
    public decimal Gmv => GmvUnits + GmvFraction / EngagementCountersRow.GmvScale;
}

/// <summary>One push of a campaign with what a report needs of it.</summary>
public sealed class PushFiguresRow : EngagementCountersRow
{
    public string Status { get; set; } = "";
    public int Wave { get; set; }
    public string Platform { get; set; } = "";
    public string AccountId { get; set; } = "";
    public string VideoId { get; set; } = "";
    public long ScheduledAt { get; set; }
    public long? PublishedAt { get; set; }
    public long? MetricsAt { get; set; }
}

/// <summary>An account's follower snapshots at the start and the end of a window (null when it has none).</summary>
public sealed class FollowerEdgesRow
{
    public string AccountId { get; set; } = "";
    public long? StartAt { get; set; }
    public long? StartCount { get; set; }
    public long? EndAt { get; set; }
    public long? EndCount { get; set; }
}

/// <summary>How much a wave's views grew within one time bucket.</summary>
public sealed class ViewsIncreaseRow
{
    public int Wave { get; set; }
    public long Bucket { get; set; }
    public long Views { get; set; }
}
