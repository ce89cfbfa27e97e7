namespace Campaigns.Storage.Feedback;

/// <summary>One stored engagement snapshot and the push it belongs to.</summary>
public sealed class PushSnapshotRow : EngagementCountersRow
{
    public string PushId { get; set; } = "";
    public long At { get; set; }

    public MetricsRow ToMetrics() => ToMetrics(At);
}
