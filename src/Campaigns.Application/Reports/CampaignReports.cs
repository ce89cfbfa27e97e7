using Campaigns.Application.Campaigns;
using Campaigns.Application.Common;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Domain.Pushes;
using Campaigns.Domain.Reports;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Feedback;
using Campaigns.Storage.Reports;

namespace Campaigns.Application.Reports;

/// <summary>Everything a campaign's report shows, read once and rolled up; drawn as JSON or as a chart.</summary>
/// <param name="Campaign">The campaign.</param>
/// <param name="GeneratedAt">When the figures were read.</param>
/// <param name="From">The window's start: the campaign's first push (null before it has pushes).</param>
/// <param name="To">The window's end: now, or the latest snapshot if that is later.</param>
/// <param name="Rollup">Totals and breakdowns.</param>
/// <param name="FollowerGrowth">The follower growth over the window of the accounts asked for.</param>
/// <param name="Buckets">The time axis of <paramref name="Series"/>; null before anything was published.</param>
/// <param name="Series">Cumulative views per wave per bucket.</param>
public sealed record CampaignReport(
    CampaignSnapshot Campaign, DateTimeOffset GeneratedAt, DateTimeOffset? From, DateTimeOffset? To, CampaignRollup Rollup,
    IReadOnlyDictionary<string, FollowerGrowth> FollowerGrowth, TimeBuckets? Buckets, IReadOnlyList<WaveSeries> Series);

/// <summary>
/// Builds campaign reports from the read model: one read of the campaign's pushes (rolled up in memory, so every
/// breakdown adds up to the totals), the products of its videos, the follower snapshots at the window's edges, and the
/// views history summed per wave and time bucket in the database. Each query starts from the campaign's own pushes.
/// </summary>
public sealed class CampaignReports(IGrainFactory grains, RollupStore rollups, TimeProvider clock)
{
    /// <summary>
    /// The report of an agency's campaign, or 404, with the follower growth of its <paramref name="followersOfTop"/>
    /// most viewed accounts (the JSON lists those; the chart shows none).
    /// </summary>
    public async Task<Outcome<CampaignReport>> BuildAsync(string agencyId, string campaignId, int followersOfTop, CancellationToken cancellationToken)
    {
        if (CampaignLookup.Grain(grains, agencyId, campaignId) is not { } grain || await grain.Get() is not { } campaign)
        {
            return EntityLookup.NotFound<CampaignReport>("Campaign", campaignId);
        }
        var now = clock.GetUtcNow();
        var pushes = await rollups.CampaignPushesAsync(agencyId, campaignId, cancellationToken);
        if (pushes.Count == 0)
        {
            var empty = CampaignRollup.Build([], new Dictionary<string, IReadOnlyList<string>>());
            return Outcome<CampaignReport>.Ok(new CampaignReport(campaign, now, null, null, empty, new Dictionary<string, FollowerGrowth>(), null, []));
        }
        var products = await rollups.ProductsOfVideosAsync(agencyId, pushes.Select(p => p.VideoId).Distinct().ToList(), cancellationToken);
        var rollup = CampaignRollup.Build(pushes.Select(Figures), products);

        var from = pushes.Min(p => Math.Min(p.ScheduledAt, p.PublishedAt ?? long.MaxValue));
        var to = Math.Max(Math.Max(now.ToUnixTimeMilliseconds(), pushes.Max(p => p.MetricsAt ?? 0)), from);
        var growth = followersOfTop <= 0
            ? new Dictionary<string, FollowerGrowth>()
            : (await rollups.FollowerEdgesAsync(agencyId, rollup.ByAccount.Take(followersOfTop).Select(a => a.Key).ToList(), from, to, cancellationToken))
                .ToDictionary(e => e.AccountId, Growth, StringComparer.Ordinal);

        TimeBuckets? buckets = null;
        IReadOnlyList<WaveSeries> series = [];
        if (pushes.Any(p => p.PublishedAt is not null))
        {
            buckets = TimeBuckets.Cover(Instant(from), Instant(to));
            var increases = await rollups.CampaignViewsIncreasesAsync(agencyId, campaignId,
                buckets.Start.ToUnixTimeMilliseconds(), (long)buckets.Size.TotalMilliseconds, cancellationToken);
            series = ViewsOverTime.Cumulate(buckets, pushes.Select(p => p.Wave), increases.Select(i => new ViewsIncrease(i.Wave, i.Bucket, i.Views)));
        }
        return Outcome<CampaignReport>.Ok(new CampaignReport(campaign, now, Instant(from), Instant(to), rollup, growth, buckets, series));
    }

    private static PushFigures Figures(PushFiguresRow p) => new(
        p.Status, p.Status == WireName<PushStatus>.Of(PushStatus.Published), p.Wave, p.Platform, p.AccountId, p.VideoId,
        p.Views, p.Likes, p.Comments, p.Shares, p.Clicks, p.Orders, p.Gmv / Storage.Feedback.EngagementCountersRow.GmvScale);

    private static FollowerGrowth Growth(FollowerEdgesRow e) => FollowerGrowth.Between(
        e is { StartAt: { } sa, StartCount: { } sc } ? new FollowerPoint(Instant(sa), sc) : null,
        e is { EndAt: { } ea, EndCount: { } ec } ? new FollowerPoint(Instant(ea), ec) : null);

    private static DateTimeOffset Instant(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
