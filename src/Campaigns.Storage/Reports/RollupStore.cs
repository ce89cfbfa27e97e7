
using Campaigns.Domain.Pushes;
using Campaigns.Storage.Accounts;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Common;
using Campaigns.Storage.Pushes;
using Dapper;
namespace Campaigns.Storage.Reports;

/// <summary>
/// Roll-ups of engagement, computed when asked from the latest snapshot kept beside every push, so they are current
/// the moment feedback lands and need no second write per snapshot. Every query is bounded by an index on pushes
/// (by video, account or campaign) or on the link tables.
/// </summary>
public sealed class RollupStore(DbConnectionFactory connections)
{
    private static readonly string Sums =
        $"""
        COUNT(*) AS Pushes, CAST(SUM(CASE WHEN p.status = {PushSql.Word(PushStatus.Published)} THEN 1 ELSE 0 END) AS BIGINT) AS Published,
        CAST(SUM(p.views) AS BIGINT) AS Views, CAST(SUM(p.likes) AS BIGINT) AS Likes, CAST(SUM(p.comments) AS BIGINT) AS Comments,
        CAST(SUM(p.shares) AS BIGINT) AS Shares, CAST(SUM(p.clicks) AS BIGINT) AS Clicks, CAST(SUM(p.orders) AS BIGINT) AS Orders,
        CAST(SUM(p.gmv / 10000) AS BIGINT) AS GmvUnits, CAST(SUM(p.gmv % 10000) AS BIGINT) AS GmvFraction
        """;

    /// <summary>Each video's pushes summed; videos without pushes are absent.</summary>
    public Task<IReadOnlyDictionary<string, EngagementSumsRow>> ByVideoAsync(string agencyId, IReadOnlyCollection<string> videoIds, CancellationToken cancellationToken = default) =>
        SumsAsync("pushes p WHERE p.agency_id = @agencyId", "p.video_id", agencyId, videoIds, cancellationToken);

    /// <summary>Each account's pushes summed; accounts without pushes are absent.</summary>
    public Task<IReadOnlyDictionary<string, EngagementSumsRow>> ByAccountAsync(string agencyId, IReadOnlyCollection<string> accountIds, CancellationToken cancellationToken = default) =>
        SumsAsync("pushes p WHERE p.agency_id = @agencyId", "p.account_id", agencyId, accountIds, cancellationToken);

    /// <summary>
    /// What an account's page shows besides the account itself, for many accounts in one round trip: each one's pushes
    /// summed, and its settled credit balance (the sum of its ledger entries, as <c>GET …/ledger</c> shows it).
    /// Accounts with neither are absent.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, AccountFigures>> AccountFiguresAsync(
        string agencyId, IReadOnlyCollection<string> accountIds, CancellationToken cancellationToken = default)
    {
        var figures = new Dictionary<string, AccountFigures>(StringComparer.Ordinal);
        var sql =
            $"""
            SELECT p.account_id AS Id, {Sums} FROM pushes p
            WHERE p.agency_id = @agencyId AND {SqlLists.OneOf(connections.Provider, "p.account_id", "ids")} GROUP BY p.account_id;
            SELECT account_id, CAST(SUM(amount) AS BIGINT) FROM ledger_entries
            WHERE agency_id = @agencyId AND {SqlLists.OneOf(connections.Provider, "account_id", "ids")} GROUP BY account_id;
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        foreach (var chunk in accountIds.Distinct(StringComparer.Ordinal).Chunk(BatchInsert.ListChunk(connections.Provider)))
        {
            await using var results = await connection.QueryMultipleAsync(sql, new { agencyId, ids = chunk });
            foreach (var row in await results.ReadAsync<EngagementSumsRow>())
            {
                figures[row.Id] = new AccountFigures(row, 0);
            }
            foreach (var (id, balance) in await results.ReadAsync<(string, long)>())
            {
                figures[id] = new AccountFigures(figures.GetValueOrDefault(id)?.Engagement, balance);
            }
        }
        return figures;
    }

    /// <summary>
    /// For each product, the pushes of every video that carries it, summed; products never pushed are absent. The
    /// CROSS JOIN keeps SQLite on the product's links first, then each video's pushes by index (left to itself it
    /// walked all of the agency's pushes).
    /// </summary>
    public Task<IReadOnlyDictionary<string, EngagementSumsRow>> ByProductAsync(string agencyId, IReadOnlyCollection<string> productIds, CancellationToken cancellationToken = default) =>
        SumsAsync("video_products x CROSS JOIN pushes p WHERE p.agency_id = x.agency_id AND p.video_id = x.video_id AND x.agency_id = @agencyId",
            "x.product_id", agencyId, productIds, cancellationToken);

    /// <summary>Every push of a campaign with its latest engagement.</summary>
    public async Task<IReadOnlyList<PushFiguresRow>> CampaignPushesAsync(string agencyId, string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PushFiguresRow>(
            """
            SELECT status AS Status, wave AS Wave, platform AS Platform, account_id AS AccountId, video_id AS VideoId,
                scheduled_at AS ScheduledAt, published_at AS PublishedAt, metrics_at AS MetricsAt, views AS Views,
                likes AS Likes, comments AS Comments, shares AS Shares, clicks AS Clicks, orders AS Orders, gmv AS Gmv
            FROM pushes WHERE agency_id = @agencyId AND campaign_id = @campaignId
            """, new { agencyId, campaignId });
        return rows.AsList();
    }

    /// <summary>The products these videos carry, by video; videos without products are absent.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ProductsOfVideosAsync(
        string agencyId, IReadOnlyCollection<string> videoIds, CancellationToken cancellationToken = default)
    {
        var rows = await SqlLists.QueryOneOfAsync<(string VideoId, string ProductId)>(
            connections, "SELECT video_id, product_id FROM video_products WHERE agency_id = @agencyId AND", "video_id", agencyId, videoIds, cancellationToken);
        return rows.GroupBy(r => r.VideoId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(r => r.ProductId).ToList(), StringComparer.Ordinal);
    }

    /// <summary>
    /// For each of these accounts: its follower snapshot at the start of [from, to] — the last one at or before
    /// <paramref name="from"/>, else the first one inside — and the last one at or before <paramref name="to"/>.
    /// Each is a primary-key lookup.
    /// </summary>
    public async Task<IReadOnlyList<FollowerEdgesRow>> FollowerEdgesAsync(
        string agencyId, IReadOnlyCollection<string> accountIds, long from, long to, CancellationToken cancellationToken = default)
    {
        var edges = new List<FollowerEdgesRow>();
        var sql =
            $"""
            WITH edges AS (
                SELECT a.id AS account_id,
                    COALESCE(
                        (SELECT MAX(f.at_ms) FROM follower_snapshots f WHERE f.agency_id = @agencyId AND f.account_id = a.id AND f.at_ms <= @from),
                        (SELECT MIN(f.at_ms) FROM follower_snapshots f WHERE f.agency_id = @agencyId AND f.account_id = a.id AND f.at_ms > @from AND f.at_ms <= @to)) AS start_at,
                    (SELECT MAX(f.at_ms) FROM follower_snapshots f WHERE f.agency_id = @agencyId AND f.account_id = a.id AND f.at_ms <= @to) AS end_at
                FROM accounts a WHERE a.agency_id = @agencyId AND {SqlLists.OneOf(connections.Provider, "a.id", "ids")})
            SELECT e.account_id AS AccountId, e.start_at AS StartAt, s.count AS StartCount, e.end_at AS EndAt, t.count AS EndCount
            FROM edges e
            LEFT JOIN follower_snapshots s ON s.agency_id = @agencyId AND s.account_id = e.account_id AND s.at_ms = e.start_at
            LEFT JOIN follower_snapshots t ON t.agency_id = @agencyId AND t.account_id = e.account_id AND t.at_ms = e.end_at
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        foreach (var chunk in accountIds.Distinct(StringComparer.Ordinal).Chunk(BatchInsert.ListChunk(connections.Provider)))
        {
            edges.AddRange(await connection.QueryAsync<FollowerEdgesRow>(sql, new { agencyId, ids = chunk, from, to }));
        }
        return edges;
    }

    /// <summary>
    /// The increase in views per wave and time bucket (<c>(second·1000 − start) / size</c>, integer division) from
    /// <c>campaign_views</c>: summing a wave's increases up to a bucket gives its cumulative views there.
    /// </summary>
    public async Task<IReadOnlyList<ViewsIncreaseRow>> CampaignViewsIncreasesAsync(
        string agencyId, string campaignId, long start, long size, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ViewsIncreaseRow>(
            """
            SELECT x.wave AS Wave, x.bucket AS Bucket, CAST(SUM(x.views) AS BIGINT) AS Views
            FROM (
                SELECT wave, (at_second * 1000 - @start) / @size AS bucket, views FROM campaign_views
                WHERE agency_id = @agencyId AND campaign_id = @campaignId) x
            GROUP BY x.wave, x.bucket
            """, new { agencyId, campaignId, start, size });
        return rows.AsList();
    }

    /// <summary>Sums grouped by <paramref name="keyColumn"/> over <paramref name="fromWhere"/> (tables and the agency condition), for the keys.</summary>
    private async Task<IReadOnlyDictionary<string, EngagementSumsRow>> SumsAsync(
        string fromWhere, string keyColumn, string agencyId, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var sums = new Dictionary<string, EngagementSumsRow>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return sums;
        }
        var sql = $"SELECT {keyColumn} AS Id, {Sums} FROM {fromWhere} AND {SqlLists.OneOf(connections.Provider, keyColumn, "ids")} GROUP BY {keyColumn}";
        await using var connection = await connections.OpenAsync(cancellationToken);
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(BatchInsert.ListChunk(connections.Provider)))
        {
            foreach (var row in await connection.QueryAsync<EngagementSumsRow>(sql, new { agencyId, ids = chunk }))
            {
                sums[row.Id] = row;
            }
        }
        return sums;
    }
}
