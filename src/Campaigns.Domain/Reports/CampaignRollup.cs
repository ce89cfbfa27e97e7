namespace Campaigns.Domain.Reports;

/// <summary>
/// A campaign's pushes rolled up: the whole, and broken down by wave, platform, account, video and product. Built in
/// one pass over one read of the pushes, so every breakdown adds up to the same totals. A push counts for every
/// product its video carries, as it does for each product's own stats.
/// </summary>
public sealed record CampaignRollup(
    RollupGroup<string> Total,
    IReadOnlyList<RollupGroup<int>> ByWave,
    IReadOnlyList<RollupGroup<string>> ByPlatform,
    IReadOnlyList<RollupGroup<string>> ByAccount,
    IReadOnlyList<RollupGroup<string>> ByVideo,
    IReadOnlyList<RollupGroup<string>> ByProduct)
{
    /// <summary>The key of <see cref="Total"/>.</summary>
    public const string TotalKey = "total";

    /// <summary>
    /// Rolls the pushes up. Waves come in wave order; every other breakdown puts the most viewed first (ties by key),
    /// because that is the order a person reads a report in.
    /// </summary>
    /// <param name="pushes">Every push of the campaign.</param>
    /// <param name="productsByVideo">The products each video carries; videos without products may be absent.</param>
    public static CampaignRollup Build(IEnumerable<PushFigures> pushes, IReadOnlyDictionary<string, IReadOnlyList<string>> productsByVideo)
    {
        ArgumentNullException.ThrowIfNull(pushes);
        ArgumentNullException.ThrowIfNull(productsByVideo);
        var total = new Tally();
        var waves = new Dictionary<int, Tally>();
        var platforms = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var accounts = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var videos = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var products = new Dictionary<string, Tally>(StringComparer.Ordinal);
        foreach (var push in pushes)
        {
            total.Add(push);
            TallyOf(waves, push.Wave).Add(push);
            TallyOf(platforms, push.Platform).Add(push);
            TallyOf(accounts, push.AccountId).Add(push);
            TallyOf(videos, push.VideoId).Add(push);
            foreach (var product in productsByVideo.GetValueOrDefault(push.VideoId) ?? [])
            {
                TallyOf(products, product).Add(push);
            }
        }
        return new CampaignRollup(
            total.ToGroup(TotalKey),
            waves.OrderBy(w => w.Key).Select(w => w.Value.ToGroup(w.Key)).ToList(),
            MostViewedFirst(platforms),
            MostViewedFirst(accounts),
            MostViewedFirst(videos),
            MostViewedFirst(products));
    }

    private static Tally TallyOf<TKey>(Dictionary<TKey, Tally> groups, TKey key) where TKey : notnull =>
        groups.TryGetValue(key, out var tally) ? tally : groups[key] = new Tally();

    private static List<RollupGroup<string>> MostViewedFirst(Dictionary<string, Tally> groups) =>
        groups.Select(g => g.Value.ToGroup(g.Key))
            .OrderByDescending(g => g.Totals.Views).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();

    private sealed class Tally
    {
        private readonly SortedDictionary<string, int> _statuses = new(StringComparer.Ordinal);
        private EngagementTotals _totals = EngagementTotals.Zero;

        public void Add(PushFigures push)
        {
            _statuses[push.Status] = _statuses.GetValueOrDefault(push.Status) + 1;
            _totals = _totals.Plus(push.Totals);
        }

        public RollupGroup<TKey> ToGroup<TKey>(TKey key) where TKey : notnull => new(key, _statuses, _totals);
    }
}
