using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Domain.Pushes;
using Campaigns.Domain.Reports;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Storage.Campaigns;

namespace Campaigns.Application.Reports;

/// <summary>
/// Push counts by status; <c>scheduled</c> includes pushes being published right now; <c>unconfirmed</c> are waiting for
/// a person to resolve them.
/// </summary>
public sealed record PushCountsView(int Total, int Scheduled, int Published, int Failed, int Cancelled, int Skipped, int Unconfirmed)
{
    public static PushCountsView From(IReadOnlyDictionary<string, int> statuses) => new(
        statuses.Values.Sum(),
        statuses.GetValueOrDefault(Word(PushStatus.Scheduled)) + statuses.GetValueOrDefault(Word(PushStatus.Publishing)),
        statuses.GetValueOrDefault(Word(PushStatus.Published)),
        statuses.GetValueOrDefault(Word(PushStatus.Failed)),
        statuses.GetValueOrDefault(Word(PushStatus.Cancelled)),
        statuses.GetValueOrDefault(Word(PushStatus.Skipped)),
        statuses.GetValueOrDefault(Word(PushStatus.Unconfirmed)));

    private static string Word(PushStatus status) => WireName<PushStatus>.Of(status);
}

/// <summary>The pushes of the whole campaign (or of one group): counts by status and engagement.</summary>
public sealed record ReportTotalsView(PushCountsView Pushes, EngagementStatsView Stats);

public sealed record WaveReportView(int Wave, PushCountsView Pushes, EngagementStatsView Stats);

public sealed record PlatformReportView(string Platform, PushCountsView Pushes, EngagementStatsView Stats);

/// <summary>An account's pushes and its follower growth over the campaign's window.</summary>
public sealed record AccountReportView(string AccountId, PushCountsView Pushes, EngagementStatsView Stats, FollowerGrowth FollowerGrowth);

public sealed record VideoReportView(string VideoId, PushCountsView Pushes, EngagementStatsView Stats);

public sealed record ProductReportView(string ProductId, PushCountsView Pushes, EngagementStatsView Stats);

/// <summary>The funnel: views → engagements (likes + comments + shares) → clicks → orders, and what the orders were worth.</summary>
public sealed record FunnelView(long Views, long Engagements, long Clicks, long Orders, decimal Gmv);

/// <summary>The report's window: from the campaign's first push to now (or its latest snapshot, if later).</summary>
public sealed record ReportWindowView(DateTimeOffset From, DateTimeOffset To);

/// <summary>One wave's cumulative views at each instant of <see cref="ViewsOverTimeView.At"/>.</summary>
public sealed record WaveViewsView(int Wave, IReadOnlyList<long> Views);

/// <summary>
/// Cumulative views per wave over time, from the snapshot history: <c>at</c> lists the end of each bucket (the last
/// one is the window's end), and each series has one value per instant. Empty before anything was published.
/// </summary>
public sealed record ViewsOverTimeView(int? BucketSeconds, IReadOnlyList<DateTimeOffset> At, IReadOnlyList<WaveViewsView> Series);

/// <summary>How many waves, platforms, accounts, videos and products the campaign's pushes cover: the breakdowns' full sizes.</summary>
public sealed record GroupCountsView(int Waves, int Platforms, int Accounts, int Videos, int Products);

/// <summary>A campaign's report (<c>GET /v1/campaigns/{id}/report</c>).</summary>
public sealed record CampaignReportView(
    string CampaignId,
    string Name,
    string Status,
    string TimeZone,
    DateTimeOffset GeneratedAt,
    ReportWindowView? Window,
    ReportTotalsView Totals,
    FunnelView Funnel,
    GroupCountsView Groups,
    IReadOnlyList<WaveReportView> ByWave,
    IReadOnlyList<PlatformReportView> ByPlatform,
    IReadOnlyList<AccountReportView> ByAccount,
    IReadOnlyList<VideoReportView> ByVideo,
    IReadOnlyList<ProductReportView> ByProduct,
    ViewsOverTimeView ViewsOverTime)
{
    /// <summary>The view, with the <paramref name="top"/> most viewed accounts, videos and products.</summary>
    public static CampaignReportView From(CampaignReport report, int top)
    {
        var (c, r) = (report.Campaign, report.Rollup);
        var t = r.Total.Totals;
        var buckets = report.Buckets;
        return new CampaignReportView(
            c.Id, c.Definition.Name, WireName<CampaignStatus>.Of(c.Status), c.Definition.TimeZone, report.GeneratedAt,
            report.From is { } from && report.To is { } to ? new ReportWindowView(from, to) : null,
            new ReportTotalsView(PushCountsView.From(r.Total.Statuses), EngagementStatsView.From(t)),
            new FunnelView(t.Views, t.Engagements, t.Clicks, t.Orders, t.Gmv),
            new GroupCountsView(r.ByWave.Count, r.ByPlatform.Count, r.ByAccount.Count, r.ByVideo.Count, r.ByProduct.Count),
            r.ByWave.Select(g => new WaveReportView(g.Key, PushCountsView.From(g.Statuses), EngagementStatsView.From(g.Totals))).ToList(),
            r.ByPlatform.Select(g => new PlatformReportView(g.Key, PushCountsView.From(g.Statuses), EngagementStatsView.From(g.Totals))).ToList(),
            r.ByAccount.Take(top).Select(g => new AccountReportView(g.Key, PushCountsView.From(g.Statuses), EngagementStatsView.From(g.Totals),
                report.FollowerGrowth.GetValueOrDefault(g.Key) ?? FollowerGrowth.None)).ToList(),
            r.ByVideo.Take(top).Select(g => new VideoReportView(g.Key, PushCountsView.From(g.Statuses), EngagementStatsView.From(g.Totals))).ToList(),
            r.ByProduct.Take(top).Select(g => new ProductReportView(g.Key, PushCountsView.From(g.Statuses), EngagementStatsView.From(g.Totals))).ToList(),
            new ViewsOverTimeView(
                buckets is null ? null : (int)buckets.Size.TotalSeconds,
                buckets is null ? [] : Enumerable.Range(0, buckets.Count).Select(buckets.PointAt).ToList(),
                report.Series.Select(s => new WaveViewsView(s.Wave, s.Views)).ToList()));
    }
}
