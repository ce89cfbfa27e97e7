
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Feedback;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Feedback;
using Campaigns.Storage.Pushes;
namespace Campaigns.Grains.Feedback;

/// <summary>Conversions between engagement snapshots and their stored form (Unix ms, GMV in ten-thousandths).</summary>
public static class FeedbackRows
{
    public static MetricsRow ToRow(MetricsSnapshot s) =>
        new(s.At.ToUnixTimeMilliseconds(), s.Views, s.Likes, s.Comments, s.Shares, s.Clicks, s.Orders, (long)decimal.Round(s.Gmv * EngagementCountersRow.GmvScale));

    public static MetricsSnapshot ToSnapshot(MetricsRow r) =>
        new(DateTimeOffset.FromUnixTimeMilliseconds(r.At), r.Views, r.Likes, r.Comments, r.Shares, r.Clicks, r.Orders, r.Gmv / EngagementCountersRow.GmvScale);

    /// <summary>The push's latest snapshot, or null before any feedback.</summary>
    public static MetricsRow? Latest(PushRow row) => row.MetricsAt is { } at ? row.ToMetrics(at) : null;

    /// <summary>True when the snapshot would tell nothing new: the same counters as the latest, or nothing at all yet.</summary>
    public static bool SameCounters(MetricsRow? latest, MetricsRow incoming) =>
        (latest ?? new MetricsRow(0, 0, 0, 0, 0, 0, 0, 0)) with { At = incoming.At } == incoming;

    /// <summary>The first counter (API name) that is lower in <paramref name="next"/> than in <paramref name="latest"/>.</summary>
    public static string? Decreased(MetricsRow latest, MetricsRow next) =>
        next.Views < latest.Views ? "views"
        : next.Likes < latest.Likes ? "likes"
        : next.Comments < latest.Comments ? "comments"
        : next.Shares < latest.Shares ? "shares"
        : next.Clicks < latest.Clicks ? "clicks"
        : next.Orders < latest.Orders ? "orders"
        : next.Gmv < latest.Gmv ? "gmv"
        : null;
}
