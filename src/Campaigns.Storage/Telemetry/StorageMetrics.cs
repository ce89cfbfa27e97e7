using System.Diagnostics.Metrics;

namespace Campaigns.Storage.Telemetry;

/// <summary>
/// How well group commit is batching: items per transaction, by what is written. Mostly ones under light load is
/// expected; mostly ones during a burst means writes are not coalescing and the database's commit rate is the limit.
/// </summary>
public sealed class StorageMetrics
{
    public const string MeterName = "Campaigns.Storage";

    /// <summary>Items written by one group-commit transaction (tag <c>writes</c>: <see cref="PushOutcomes"/> or <see cref="Snapshots"/>).</summary>
    public const string GroupCommitInstrument = "campaigns.storage.group_commit.items";

    /// <summary>The <c>writes</c> tag of push outcomes.</summary>
    public const string PushOutcomes = "push_outcomes";

    /// <summary>The <c>writes</c> tag of engagement snapshots.</summary>
    public const string Snapshots = "snapshots";

    private static readonly int[] Buckets = [1, 2, 5, 10, 25, 50, 100, 250, 500];

    private static readonly KeyValuePair<string, object?> OutcomesTag = new("writes", PushOutcomes);
    private static readonly KeyValuePair<string, object?> SnapshotsTag = new("writes", Snapshots);

    private readonly Histogram<int> _groupCommit;

    public StorageMetrics(IMeterFactory meters)
    {
        _groupCommit = meters.Create(MeterName).CreateHistogram<int>(
            GroupCommitInstrument, "{item}", "Items written by one group-commit transaction, by what is written",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = Buckets });
    }

    /// <summary>Records one committed transaction of push outcomes.</summary>
    public void OutcomesCommitted(int items) => _groupCommit.Record(items, OutcomesTag);

    /// <summary>Records one committed transaction of snapshots.</summary>
    public void SnapshotsCommitted(int items) => _groupCommit.Record(items, SnapshotsTag);
}
