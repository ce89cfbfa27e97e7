
using Campaigns.Domain.Pushes;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Feedback;
using Campaigns.Grains.Abstractions.Pushes;
using Campaigns.Grains.Campaigns;
using Campaigns.Grains.Common;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Feedback;
using Campaigns.Storage.Pushes;
using Campaigns.Storage;
using Campaigns.Storage.Telemetry;
namespace Campaigns.Grains.Feedback;

/// <summary>
/// The one way engagement snapshots come in — from the API or a platform callback (one at a time, as
/// <see cref="IMetricsRecorder"/>), or the sandbox feed and the platform poller (in batches): the same rules, the
/// same write, the same notice to the push's owner so that gates and rules react. A snapshot older than the push's
/// latest, or the same one again, is kept in the history and changes nothing else.
/// </summary>
public sealed class MetricsIngest : IMetricsRecorder, IAsyncDisposable
{
    /// <summary>Snapshots per transaction at most.</summary>
    public const int MaxBatch = 500;

    private readonly MetricsStore _metrics;
    private readonly StorageMetrics _storage;
    private readonly FeedbackMetrics _telemetry;
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _clock;

    /// <summary>
    /// Group commit of the snapshots that arrive one at a time: those arriving together are judged and written by one
    /// transaction, each under its push row's lock (<see cref="MetricsStore.RecordCheckedAsync"/>); each caller waits
    /// for the commit that holds its snapshot.
    /// </summary>
    private readonly GroupCommit<(MetricsWrite Write, long ReceivedAt), MetricsCheck> _commit;

    public MetricsIngest(MetricsStore metrics, StorageMetrics storage, FeedbackMetrics telemetry, IGrainFactory grains, TimeProvider clock)
    {
        (_metrics, _storage, _telemetry, _grains, _clock) = (metrics, storage, telemetry, grains, clock);
        _commit = new(CommitAsync, MaxBatch, writers: metrics.ConcurrentBatches);
    }

    /// <summary>Why the push cannot take the snapshot, or null when it can (it may still be older than its latest).</summary>
    public static CommandError? Refusal(PushRow push, MetricsRow incoming)
    {
        if (push.Lifecycle != PushStatus.Published)
        {
            return new CommandError(ErrorKind.Conflict, $"Only a published push has engagement; this one is {push.Status}.");
        }
        if (push.PublishedAt is { } published && incoming.At < published)
        {
            return new CommandError(ErrorKind.Invalid, "The snapshot is from before the push was published.", "at");
        }
        var latest = FeedbackRows.Latest(push);
        return latest is not null && incoming.At > latest.At && FeedbackRows.Decreased(latest, incoming) is { } field
            ? new CommandError(ErrorKind.Invalid, $"Snapshots are cumulative: {field} went down from the latest snapshot ({latest.At}).", field)
            : null;
    }

    /// <summary>
    /// Records one snapshot of one push (the API's and callbacks' path), group-committed with the snapshots of other
    /// pushes arriving at the same moment; answered once the commit that holds it is durable.
    /// </summary>
    public async Task<Outcome<MetricsReceipt>> RecordAsync(string agencyId, string pushId, MetricsSnapshot snapshot)
    {
        var incoming = FeedbackRows.ToRow(snapshot);
        var check = await StorageCalls.Guard(() =>
            _commit.AddAsync((new MetricsWrite(agencyId, pushId, incoming), _clock.GetUtcNow().ToUnixTimeMilliseconds())));
        if (check.Push is not { } push)
        {
            return Outcome<MetricsReceipt>.Fail(ErrorKind.NotFound, $"Push {pushId} was not found.");
        }
        if (!check.Accepted)
        {
            // The rules are pure: judged again against the same row, they give the refusal the write acted on.
            return new Outcome<MetricsReceipt>(null, Refusal(push, incoming));
        }
        _telemetry.RecordedFromRequest();
        var latest = check.Applied ? incoming : FeedbackRows.Latest(push) ?? incoming;
        return Outcome<MetricsReceipt>.Ok(new MetricsReceipt(check.Applied, FeedbackRows.ToSnapshot(latest)));
    }

    /// <summary>One group commit: the batch judged and written in one transaction, then the owners told.</summary>
    private async Task<IReadOnlyList<MetricsCheck>> CommitAsync(IReadOnlyList<(MetricsWrite Write, long ReceivedAt)> batch)
    {
        var checks = await _metrics.RecordCheckedAsync(
            batch.Select(b => b.Write).ToList(), batch.Max(b => b.ReceivedAt), static (push, incoming) => Refusal(push, incoming) is null);
        // Counted as before the rules moved into the commit: the snapshots the transaction wrote, not those it refused.
        _storage.SnapshotsCommitted(checks.Count(c => c.Accepted));
        Notify(checks.Where(c => c.Applied).Select(c => c.Push!));
        return checks;
    }

    /// <summary>
    /// Records snapshots the rules accepted (see <see cref="Refusal"/>) in one transaction (the sandbox feed's and the
    /// platform poller's path), then tells the owner of every push whose latest snapshot changed. Returns, per
    /// snapshot, whether it became its push's latest.
    /// </summary>
    public async Task<IReadOnlyList<bool>> RecordAsync(IReadOnlyList<(PushRow Push, MetricsRow Incoming)> accepted, bool polled = false)
    {
        var applied = await StorageCalls.Guard(() => _metrics.RecordAsync(
            accepted.Select(a => new MetricsWrite(a.Push.AgencyId, a.Push.Id, a.Incoming)).ToList(), _clock.GetUtcNow().ToUnixTimeMilliseconds()));
        if (polled)
        {
            _telemetry.RecordedFromPoll(accepted.Count);
        }
        else
        {
            _telemetry.RecordedFromSandbox(accepted.Count);
        }
        Notify(accepted.Where((_, i) => applied[i]).Select(a => a.Push));
        return applied;
    }

    public ValueTask DisposeAsync() => _commit.DisposeAsync();

    /// <summary>
    /// Tells each owner (campaign, schedule or exchange) of the pushes whose latest snapshot changed in a committed
    /// batch, in one message per owner rather than one per snapshot, so gates and rules react.
    /// </summary>
    private void Notify(IEnumerable<PushRow> changed)
    {
        foreach (var owner in changed.GroupBy(p => (p.AgencyId, p.CampaignId)))
        {
            PushOwners.Of(_grains, owner.Key.AgencyId, owner.Key.CampaignId).MetricsRecorded(owner.Select(p => p.Id).Distinct().ToList()).Ignore();
        }
    }
}
