namespace Campaigns.Domain.Reports;

/// <summary>The pushes of one wave, platform, account, video or product: how many in each status, and their totals.</summary>
/// <typeparam name="TKey">What the group is keyed by (a wave number, an id, a platform name).</typeparam>
/// <param name="Key">The wave, platform or id.</param>
/// <param name="Statuses">Push counts by status; statuses without pushes are absent.</param>
/// <param name="Totals">Engagement summed over the group.</param>
public sealed record RollupGroup<TKey>(TKey Key, IReadOnlyDictionary<string, int> Statuses, EngagementTotals Totals)
    where TKey : notnull;
