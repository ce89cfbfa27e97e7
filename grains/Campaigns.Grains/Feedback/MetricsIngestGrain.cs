using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Feedback;
using Orleans.Concurrency;

namespace Campaigns.Grains.Feedback;

/// <summary>
/// The API's and callbacks' way into <see cref="MetricsIngest"/>, which the Application layer reaches only through a
/// grain interface. Stateless and local to the calling silo; reentrant, because every call waits for a group commit
/// and the snapshots waiting together are what fills it.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class MetricsIngestGrain(MetricsIngest ingest) : Grain, IMetricsIngestGrain
{
    public Task<Outcome<MetricsReceipt>> RecordMetrics(string pushId, MetricsSnapshot snapshot) =>
        ingest.RecordAsync(this.GetPrimaryKeyString(), pushId, snapshot);
}
