namespace Campaigns.Grains.Abstractions.Campaigns;

/// <summary>
/// One push, keyed <c>{agencyId}/{pushId}</c>: fires it at its instant through its account, retries transient
/// failures with backoff, and records the outcome. Its durable state is its row in the pushes table.
/// </summary>
public interface IPushGrain : IGrainWithStringKey
{
    /// <summary>Publishes the claimed push at its instant and records what happened.</summary>
    Task Fire(DuePush push);

    /// <summary>
    /// Records a cumulative engagement snapshot. An older or duplicate snapshot changes nothing; a newer one whose
    /// counters went down is refused, naming the counter.
    /// </summary>
    Task<Common.Outcome<MetricsReceipt>> RecordMetrics(MetricsSnapshot snapshot);
}
