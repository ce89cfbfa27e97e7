namespace Campaigns.Grains.Abstractions.Feedback;

/// <summary>
/// Where the API and platform callbacks hand in engagement snapshots, keyed by agency id. A stateless worker: it runs
/// on the silo that is called and holds nothing, so a snapshot wakes no grain of its own push. The rules are checked
/// in the transaction that writes the snapshot, under its push row's lock, which is what orders two snapshots of one
/// push (see docs/architecture.md, engagement feedback).
/// </summary>
public interface IMetricsIngestGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records a cumulative engagement snapshot of one of the agency's pushes, answered once it is committed. An older
    /// or duplicate snapshot changes nothing; a newer one whose counters went down is refused, naming the counter.
    /// </summary>
    Task<Common.Outcome<MetricsReceipt>> RecordMetrics(string pushId, MetricsSnapshot snapshot);
}
