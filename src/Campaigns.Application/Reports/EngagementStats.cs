using Campaigns.Domain.Reports;
using Campaigns.Storage.Reports;

namespace Campaigns.Application.Reports;

/// <summary>
/// Stats of videos, accounts and products for the read side: one grouped query per call, whatever the number of ids
/// (a page of a list costs the same as one item), computed from the pushes' latest snapshots so always current.
/// </summary>
public sealed class EngagementStats(RollupStore rollups)
{
    public async Task<StatsById> VideosAsync(string agencyId, IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        new(await rollups.ByVideoAsync(agencyId, ids, cancellationToken));

    public async Task<StatsById> AccountsAsync(string agencyId, IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        new(await rollups.ByAccountAsync(agencyId, ids, cancellationToken));

    public async Task<StatsById> ProductsAsync(string agencyId, IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        new(await rollups.ByProductAsync(agencyId, ids, cancellationToken));

    /// <summary>Stats by id; an id without pushes has zero of everything.</summary>
    public sealed class StatsById(IReadOnlyDictionary<string, EngagementSumsRow> rows)
    {
        public EngagementTotals this[string id] => Totals(rows.GetValueOrDefault(id));
    }

    /// <summary>The totals of one summed row; no row means no pushes.</summary>
    public static EngagementTotals Totals(EngagementSumsRow? r) => r is null
        ? EngagementTotals.Zero
        : new EngagementTotals((int)r.Pushes, (int)r.Published, r.Views, r.Likes, r.Comments, r.Shares, r.Clicks, r.Orders, r.Gmv);
}
