namespace Campaigns.Storage.Feedback;

/// <summary>
/// The six whole-number engagement counters as rows carry them, for one snapshot or summed over pushes; GMV is carried
/// differently by each (see <see cref="EngagementCountersRow"/> and <see cref="Reports.EngagementSumsRow"/>). Setters
/// rather than a record: SQLite and PostgreSQL return integers of different widths, and Dapper converts on property
/// assignment.
/// </summary>
public abstract class EngagementCounts
{
    public long Views { get; set; }
    public long Likes { get; set; }
    public long Comments { get; set; }
    public long Shares { get; set; }
    public long Clicks { get; set; }
    public long Orders { get; set; }
}
