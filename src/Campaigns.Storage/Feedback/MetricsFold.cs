using Campaigns.Storage.Pushes;

namespace Campaigns.Storage.Feedback;

/// <summary>
/// A batch of snapshots judged in arrival order against their pushes' rows as the writing transaction locked them,
/// as if they had come one at a time: a snapshot that becomes its push's latest is what the push's next snapshot in
/// the batch is judged against. What it yields is what the transaction then writes.
/// </summary>
internal sealed class MetricsFold
{
    private MetricsFold(IReadOnlyList<MetricsCheck> checks, IReadOnlyList<MetricsWrite> history, IReadOnlyList<MetricsWrite> latest,
        IReadOnlyDictionary<(string AgencyId, string CampaignId, int Wave, long Second), long> increases)
    {
        Checks = checks;
        History = history;
        Latest = latest;
        Increases = increases;
    }

    /// <summary>One per write, in the writes' order.</summary>
    public IReadOnlyList<MetricsCheck> Checks { get; }

    /// <summary>The accepted snapshots, the first of each push and instant only (the history keeps the first).</summary>
    public IReadOnlyList<MetricsWrite> History { get; }

    /// <summary>Per push whose latest changed, its new latest.</summary>
    public IReadOnlyList<MetricsWrite> Latest { get; }

    /// <summary>Views each applied snapshot added over the latest it replaced, per campaign, wave and second.</summary>
    public IReadOnlyDictionary<(string AgencyId, string CampaignId, int Wave, long Second), long> Increases { get; }

    /// <summary>Judges <paramref name="writes"/> against <paramref name="locked"/> (by agency and push id) with <paramref name="accepts"/>.</summary>
    public static MetricsFold Of(IReadOnlyList<MetricsWrite> writes, IReadOnlyDictionary<(string AgencyId, string Id), PushRow> locked,
        Func<PushRow, MetricsRow, bool> accepts)
    {
        var current = new Dictionary<(string AgencyId, string Id), PushRow>(locked);
        var checks = new MetricsCheck[writes.Count];
        var history = new Dictionary<(string AgencyId, string PushId, long At), MetricsWrite>();
        var increases = new Dictionary<(string AgencyId, string CampaignId, int Wave, long Second), long>();
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            if (!current.TryGetValue((write.AgencyId, write.PushId), out var push))
            {
                checks[i] = new MetricsCheck(null, false, false);
                continue;
            }
            // The in-batch fold: judged against `push`, the latest this batch has made so far, not the stored one.
            if (!accepts(push, write.Metrics))
            {
                checks[i] = new MetricsCheck(push, false, false);
                continue;
            }
            history.TryAdd((write.AgencyId, write.PushId, write.Metrics.At), write);
            var applied = push.MetricsAt is not { } at || at < write.Metrics.At;
            checks[i] = new MetricsCheck(push, true, applied);
            if (applied)
            {
                var second = (write.AgencyId, push.CampaignId, push.Wave, write.Metrics.At / 1000);
                increases[second] = increases.GetValueOrDefault(second) + write.Metrics.Views - push.Views;
                current[(write.AgencyId, write.PushId)] = WithLatest(push, write.Metrics);
            }
        }
        var latest = current.Where(p => !ReferenceEquals(p.Value, locked[p.Key]))
            .Select(p => new MetricsWrite(p.Key.AgencyId, p.Key.Id, p.Value.ToMetrics(p.Value.MetricsAt!.Value)))
            .OrderBy(w => w.AgencyId, StringComparer.Ordinal).ThenBy(w => w.PushId, StringComparer.Ordinal).ToList();
        var inKeyOrder = history.Values.OrderBy(w => w.AgencyId, StringComparer.Ordinal).ThenBy(w => w.PushId, StringComparer.Ordinal)
            .ThenBy(w => w.Metrics.At).ToList();
        return new MetricsFold(checks, inKeyOrder, latest, increases);
    }

    /// <summary>The push as its next snapshot sees it: the same row with <paramref name="latest"/> as its latest.</summary>
    private static PushRow WithLatest(PushRow push, MetricsRow latest) => new()
    {
        AgencyId = push.AgencyId, Id = push.Id, CampaignId = push.CampaignId, Wave = push.Wave, Status = push.Status,
        PublishedAt = push.PublishedAt, MetricsAt = latest.At, Views = latest.Views, Likes = latest.Likes,
        Comments = latest.Comments, Shares = latest.Shares, Clicks = latest.Clicks, Orders = latest.Orders, Gmv = latest.Gmv,
    };
}
