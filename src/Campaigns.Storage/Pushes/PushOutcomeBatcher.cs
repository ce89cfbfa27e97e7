using Campaigns.Storage.Telemetry;

namespace Campaigns.Storage.Pushes;

/// <summary>
/// Group commit for push outcomes. When a thousand pushes fire in the same second, writing each outcome in its own
/// transaction makes the database's commit rate the limit (measured: a third of a core busy, lag growing by the
/// second). Outcomes arriving together are written in one transaction instead. Each caller still waits until its
/// own outcome is durable, so nothing is acknowledged earlier than before.
/// </summary>
public sealed class PushOutcomeBatcher(PushOutcomes outcomes, StorageMetrics metrics) : IAsyncDisposable
{
    /// <summary>Outcomes per transaction at most.</summary>
    public const int MaxBatch = 500;

    private readonly GroupCommit<PushOutcomeUpdate, bool> _commit = new(updates => outcomes.RecordAsync(updates), MaxBatch, metrics.OutcomesCommitted);

    /// <summary>
    /// Records an outcome; completes once it is committed, with whether the state machine let it apply, or fails with
    /// the commit's error.
    /// </summary>
    public Task<bool> RecordAsync(PushOutcomeUpdate update) => _commit.AddAsync(update);

    public ValueTask DisposeAsync() => _commit.DisposeAsync();
}
