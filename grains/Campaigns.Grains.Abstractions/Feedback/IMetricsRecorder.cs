namespace Campaigns.Grains.Abstractions.Feedback;

/// <summary>
/// Where the API and platform callbacks hand in engagement snapshots: the silo's engagement ingestion, called in
/// process (the gateway and the silo are one process), so a snapshot costs no grain call and wakes no grain of its own
/// push. The rules are checked in the transaction that writes the snapshot, under its push row's lock, which is what
/// orders two snapshots of one push (see docs/architecture.md, engagement feedback).
/// </summary>
public interface IMetricsRecorder
{
    /// <summary>
    /// Records a cumulative engagement snapshot of one of the agency's pushes, answered once it is committed. An older
    /// or duplicate snapshot changes nothing; a newer one whose counters went down is refused, naming the counter.
    /// </summary>
    Task<Common.Outcome<MetricsReceipt>> RecordAsync(string agencyId, string pushId, MetricsSnapshot snapshot);
}
