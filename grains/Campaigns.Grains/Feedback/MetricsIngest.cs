
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
namespace Campaigns.Grains.Feedback;

/// <summary>
/// The one way engagement snapshots come in — from the API, a platform callback (through the push grain) or the sandbox
/// feed (in batches): the same rules, the same write, the same notice to the push's owner so that gates and rules react.
/// A snapshot older than the push's latest, or the same one again, is kept in the history and changes nothing else.
/// </summary>
public sealed class MetricsIngest(
    PushQueries pushes, MetricsStore metrics, MetricsBatcher batcher, FeedbackMetrics telemetry, IGrainFactory grains, TimeProvider clock)
{
    /// <summary>
    /// The push rows snapshots arriving together are checked against, read by one query per agency and round rather
    /// than one each (the read side of the group commit below); each from a query that started after its snapshot
    /// arrived, so a push's own previous snapshot is always seen.
    /// </summary>
    private readonly BatchedReads<PushRow?> _pushReads = new(
        async (agencyId, ids) => (await pushes.GetManyAsync(agencyId, ids)).ToDictionary(p => p.Key, p => (PushRow?)p.Value, StringComparer.Ordinal),
        absent: null);

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
    /// Records one snapshot of one push (the API's and callbacks' path): the same write as a batch, group-committed
    /// with the snapshots of other pushes arriving at the same moment.
    /// </summary>
    public async Task<Outcome<MetricsReceipt>> RecordAsync(string agencyId, string pushId, MetricsSnapshot snapshot)
    {
        if (await StorageCalls.Guard(() => _pushReads.ReadAsync(agencyId, pushId, CancellationToken.None)) is not { } push)
        {
            return Outcome<MetricsReceipt>.Fail(ErrorKind.NotFound, $"Push {pushId} was not found.");
        }
        var incoming = FeedbackRows.ToRow(snapshot);
        if (Refusal(push, incoming) is { } refusal)
        {
            return new Outcome<MetricsReceipt>(null, refusal);
        }
        var applied = await StorageCalls.Guard(() => batcher.RecordAsync(new MetricsWrite(agencyId, pushId, incoming), clock.GetUtcNow().ToUnixTimeMilliseconds()));
        telemetry.RecordedFromRequest();
        if (applied)
        {
            Notify(push);
        }
        var latest = applied ? incoming : FeedbackRows.Latest(push) ?? incoming;
        return Outcome<MetricsReceipt>.Ok(new MetricsReceipt(applied, FeedbackRows.ToSnapshot(latest)));
    }

    /// <summary>
    /// Records snapshots the rules accepted (see <see cref="Refusal"/>) in one transaction (the sandbox feed's and the
    /// platform poller's path), then tells the owner of every push whose latest snapshot changed. Returns, per
    /// snapshot, whether it became its push's latest.
    /// </summary>
    public async Task<IReadOnlyList<bool>> RecordAsync(IReadOnlyList<(PushRow Push, MetricsRow Incoming)> accepted, bool polled = false)
    {
        var applied = await StorageCalls.Guard(() => metrics.RecordAsync(
            accepted.Select(a => new MetricsWrite(a.Push.AgencyId, a.Push.Id, a.Incoming)).ToList(), clock.GetUtcNow().ToUnixTimeMilliseconds()));
        if (polled)
        {
            telemetry.RecordedFromPoll(accepted.Count);
        }
        else
        {
            telemetry.RecordedFromSandbox(accepted.Count);
        }
        for (var i = 0; i < accepted.Count; i++)
        {
            if (applied[i])
            {
                Notify(accepted[i].Push);
            }
        }
        return applied;
    }

    /// <summary>Tells the push's campaign or schedule that its latest snapshot changed, so gates and rules react.</summary>
    private void Notify(PushRow push) => PushOwners.Of(grains, push.AgencyId, push.CampaignId).MetricsRecorded(push.Id).Ignore();
}
