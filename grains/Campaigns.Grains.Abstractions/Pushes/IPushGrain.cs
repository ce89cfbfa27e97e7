using Campaigns.Grains.Abstractions.Feedback;

namespace Campaigns.Grains.Abstractions.Pushes;

/// <summary>
/// One push, keyed <c>{agencyId}/{pushId}</c>, as feedback reaches it. Its durable state is its row in the pushes
/// table; firing it is the claiming silo's work (under a lease), not a grain call.
/// </summary>
public interface IPushGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records a cumulative engagement snapshot. An older or duplicate snapshot changes nothing; a newer one whose
    /// counters went down is refused, naming the counter.
    /// </summary>
    Task<Common.Outcome<MetricsReceipt>> RecordMetrics(MetricsSnapshot snapshot);
}
