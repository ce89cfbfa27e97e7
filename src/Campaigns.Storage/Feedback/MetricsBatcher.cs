using Campaigns.Storage.Telemetry;

namespace Campaigns.Storage.Feedback;

/// <summary>
/// Group commit for snapshots that arrive one request at a time (the API, platform callbacks): those arriving
/// together are written by one <see cref="MetricsStore.RecordAsync"/> call, one transaction, instead of one each.
/// Each caller still waits until its own snapshot is durable and learns whether it became its push's latest. On
/// PostgreSQL two batches may be committing at once (<see cref="MetricsStore.ConcurrentBatches"/>).
/// </summary>
public sealed class MetricsBatcher(MetricsStore metrics, StorageMetrics telemetry) : IAsyncDisposable
{
    /// <summary>Snapshots per transaction at most.</summary>
    public const int MaxBatch = 500;

    private readonly GroupCommit<(MetricsWrite Write, long ReceivedAt)> _commit =
        new(batch => metrics.RecordAsync(batch.Select(b => b.Write).ToList(), batch.Max(b => b.ReceivedAt)), MaxBatch,
            telemetry.SnapshotsCommitted, metrics.ConcurrentBatches);

    /// <summary>Records a snapshot; completes once it is committed (true when it became the latest), or fails with the commit's error.</summary>
    public Task<bool> RecordAsync(MetricsWrite write, long receivedAt) => _commit.AddAsync((write, receivedAt));

    public ValueTask DisposeAsync() => _commit.DisposeAsync();
}
