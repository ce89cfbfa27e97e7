using System.Data.Common;
using System.Text;
using Campaigns.Domain.Pushes;
using Campaigns.Storage.Pushes;
using Campaigns.Storage.Reports;
using Dapper;
using Npgsql;

namespace Campaigns.Storage.Feedback;

/// <summary>
/// Engagement snapshots: every one kept in <c>push_metrics</c>, the newest beside its push for roll-ups. One write path
/// for the API, platform callbacks and the sandbox feed: a batch of any size is one transaction.
/// </summary>
public sealed class MetricsStore(DbConnectionFactory connections, IAccountFiguresChanged? figures = null)
{
    private static readonly string[] HistoryColumns =
        ["agency_id", "push_id", "at", "views", "likes", "comments", "shares", "clicks", "orders", "gmv", "received_at"];

    /// <summary>Values per pushes row in the latest-snapshot update.</summary>
    internal const int UpdateColumns = 10;

    /// <summary>
    /// Batches worth committing at the same time. Two on PostgreSQL: a batch is one statement that locks its pushes in
    /// key order, so batches overlap without deadlock, and the snapshots arriving during one commit need not wait for
    /// it before their own starts. One on SQLite, which lets one transaction write at a time anyway.
    /// </summary>
    public int ConcurrentBatches => connections.Provider == StorageProvider.PostgreSql ? 2 : 1;

    /// <summary>
    /// Keeps every snapshot in its push's history (one already there at the same instant is left as it is), makes each
    /// push's newest snapshot of the batch its latest when it is newer than the latest stored, and adds what that
    /// changed in views to <c>campaign_views</c> — all in one transaction. Returns, per write, whether it became its
    /// push's latest. Rows are touched in key order, so concurrent batches (several silos) cannot deadlock. On
    /// PostgreSQL it is one statement (<see cref="PostgresMetricsWrite"/>); on SQLite, local and holding its write
    /// lock for the transaction, four.
    /// </summary>
    public async Task<IReadOnlyList<bool>> RecordAsync(IReadOnlyList<MetricsWrite> writes, long receivedAt, CancellationToken cancellationToken = default)
    {
        if (writes.Count == 0)
        {
            return [];
        }
        await using var connection = await connections.OpenAsync(cancellationToken);
        var applied = connection is NpgsqlConnection postgres
            ? await PostgresMetricsWrite.RecordAsync(postgres, writes, receivedAt, cancellationToken)
            : await RecordInTransactionAsync(connection, writes, receivedAt, cancellationToken);
        // A push's latest engagement is what its account's page sums; a snapshot kept only in the history changes nothing there.
        await figures.AfterCommitAsync(writes.Where((_, i) => applied[i]).Select(w => w.AgencyId));
        return applied;
    }

    /// <summary>
    /// Judges each snapshot with <paramref name="accepts"/> against its push as the write's transaction locked it (on
    /// SQLite: read inside the write transaction), in arrival order, a push's later snapshot against the latest its
    /// earlier one made; then records what was accepted as <see cref="RecordAsync"/> would, in the same transaction.
    /// Answers, per write, the push it was judged against (null: no such push), whether it was accepted and whether it
    /// became the latest. Nothing else can change a push between its judging and the commit, so two batches (or silos)
    /// racing on one push are judged one after the other.
    /// </summary>
    public async Task<IReadOnlyList<MetricsCheck>> RecordCheckedAsync(IReadOnlyList<MetricsWrite> writes, long receivedAt,
        Func<PushRow, MetricsRow, bool> accepts, CancellationToken cancellationToken = default)
    {
        if (writes.Count == 0)
        {
            return [];
        }
        await using var connection = await connections.OpenAsync(cancellationToken);
        var checks = connection is NpgsqlConnection postgres
            ? await PostgresCheckedMetricsWrite.RecordAsync(postgres, writes, receivedAt, accepts, cancellationToken)
            : await SqliteCheckedMetricsWrite.RecordAsync(connection, writes, receivedAt, accepts, cancellationToken);
        await figures.AfterCommitAsync(writes.Where((_, i) => checks[i].Applied).Select(w => w.AgencyId));
        return checks;
    }

    /// <summary>The four statements of <see cref="RecordAsync"/> in one transaction (SQLite).</summary>
    private static async Task<IReadOnlyList<bool>> RecordInTransactionAsync(
        DbConnection connection, IReadOnlyList<MetricsWrite> writes, long receivedAt, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await InsertHistoryAsync(connection, transaction,
            writes.OrderBy(w => w.AgencyId, StringComparer.Ordinal).ThenBy(w => w.PushId, StringComparer.Ordinal).ThenBy(w => w.Metrics.At),
            receivedAt, cancellationToken);

        // Only the newest write of a push can become its latest; updating one row twice in a statement is undefined.
        var newest = writes.GroupBy(w => (w.AgencyId, w.PushId)).Select(g => g.MaxBy(w => w.Metrics.At)!)
            .OrderBy(w => w.AgencyId, StringComparer.Ordinal).ThenBy(w => w.PushId, StringComparer.Ordinal).ToList();
        var applied = new HashSet<MetricsWrite>(ReferenceEqualityComparer.Instance);
        var increases = new Dictionary<(string AgencyId, string CampaignId, int Wave, long Second), long>();
        var perStatement = Math.Max(1, BatchInsert.MaxSqliteParameters / UpdateColumns);
        foreach (var chunk in newest.Chunk(perStatement))
        {
            var before = (await LockLatestAsync(connection, transaction, chunk)).ToDictionary(r => (r.AgencyId, r.Id));
            var byPush = chunk.ToDictionary(w => (w.AgencyId, w.PushId));
            foreach (var (agencyId, id) in await UpdateLatestAsync(connection, transaction, chunk))
            {
                var write = byPush[(agencyId, id)];
                applied.Add(write);
                var old = before[(agencyId, id)];
                var key = (agencyId, old.CampaignId, old.Wave, write.Metrics.At / 1000);
                increases[key] = increases.GetValueOrDefault(key) + write.Metrics.Views - old.Views;
            }
        }
        await AddViewsAsync(connection, transaction, increases, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return writes.Select(applied.Contains).ToList();
    }

    /// <summary>Keeps snapshots in their pushes' history; one already there at the same instant is left as it is.</summary>
    internal static Task InsertHistoryAsync(DbConnection connection, DbTransaction transaction, IEnumerable<MetricsWrite> writes,
        long receivedAt, CancellationToken cancellationToken) =>
        BatchInsert.ExecuteAsync(connection, transaction, "push_metrics", HistoryColumns,
            writes.Select(w => new object?[]
            {
                w.AgencyId, w.PushId, w.Metrics.At, w.Metrics.Views, w.Metrics.Likes, w.Metrics.Comments, w.Metrics.Shares,
                w.Metrics.Clicks, w.Metrics.Orders, w.Metrics.Gmv, receivedAt,
            }).ToList(),
            "ON CONFLICT (agency_id, push_id, at) DO NOTHING", cancellationToken);

    /// <summary>Adds increases in views to <c>campaign_views</c>, in key order.</summary>
    internal static Task AddViewsAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyDictionary<(string AgencyId, string CampaignId, int Wave, long Second), long> increases, CancellationToken cancellationToken) =>
        BatchInsert.ExecuteAsync(connection, transaction, "campaign_views", ["agency_id", "campaign_id", "wave", "at_second", "views"],
            increases.OrderBy(i => i.Key.AgencyId, StringComparer.Ordinal).ThenBy(i => i.Key.CampaignId, StringComparer.Ordinal)
                .ThenBy(i => i.Key.Wave).ThenBy(i => i.Key.Second)
                .Select(i => new object?[] { i.Key.AgencyId, i.Key.CampaignId, i.Key.Wave, i.Key.Second, i.Value }).ToList(),
            "ON CONFLICT (agency_id, campaign_id, wave, at_second) DO UPDATE SET views = campaign_views.views + excluded.views", cancellationToken);

    /// <summary>Up to <paramref name="limit"/> snapshots of a push taken after <paramref name="after"/>, oldest first.</summary>
    public async Task<IReadOnlyList<MetricsRow>> HistoryAsync(string agencyId, string pushId, long after, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long At, long Views, long Likes, long Comments, long Shares, long Clicks, long Orders, long Gmv)>(
            """
            SELECT at, views, likes, comments, shares, clicks, orders, gmv FROM push_metrics
            WHERE agency_id = @agencyId AND push_id = @pushId AND at > @after ORDER BY at LIMIT @limit
            """, new { agencyId, pushId, after, limit });
        return rows.Select(r => new MetricsRow(r.At, r.Views, r.Likes, r.Comments, r.Shares, r.Clicks, r.Orders, r.Gmv)).ToList();
    }

    /// <summary>The pushes' latest views, their campaign and wave (SQLite: the transaction holds the write lock already).</summary>
    private static async Task<IEnumerable<LatestRow>> LockLatestAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<MetricsWrite> writes)
    {
        var (values, parameters) = Values(writes);
        return await connection.QueryAsync<LatestRow>(
            $"""
            SELECT p.agency_id AS AgencyId, p.id AS Id, p.campaign_id AS CampaignId, p.wave AS Wave, p.views AS Views
            FROM (VALUES {values}) AS v CROSS JOIN pushes p
            WHERE p.agency_id = v.column1 AND p.id = v.column2
            ORDER BY p.agency_id, p.id
            """, parameters, transaction);
    }

    /// <summary>Makes each write its push's latest where it is newer than the stored one; answers the pushes updated.</summary>
    internal static async Task<IEnumerable<(string AgencyId, string Id)>> UpdateLatestAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<MetricsWrite> writes)
    {
        var (values, parameters) = Values(writes);
        // VALUES columns are named column1, column2, … on both engines.
        return await connection.QueryAsync<(string, string)>(
            $"""
            UPDATE pushes SET metrics_at = v.column3, views = v.column4, likes = v.column5, comments = v.column6,
                shares = v.column7, clicks = v.column8, orders = v.column9, gmv = v.column10
            FROM (VALUES {values}) AS v
            WHERE pushes.agency_id = v.column1 AND pushes.id = v.column2
              AND (pushes.metrics_at IS NULL OR pushes.metrics_at < v.column3)
            RETURNING agency_id, id
            """, parameters, transaction);
    }

    /// <summary>A VALUES list of the writes (agency, push, at, the seven counters) and its parameters.</summary>
    private static (string Values, DynamicParameters Parameters) Values(IReadOnlyList<MetricsWrite> writes)
    {
        var values = new StringBuilder();
        var parameters = new DynamicParameters();
        for (var i = 0; i < writes.Count; i++)
        {
            var (w, m) = (writes[i], writes[i].Metrics);
            values.Append(i == 0 ? "" : ", ").Append($"(@a{i}, @p{i}, @t{i}, @v{i}, @l{i}, @c{i}, @s{i}, @k{i}, @o{i}, @g{i})");
            parameters.Add($"a{i}", w.AgencyId);
            parameters.Add($"p{i}", w.PushId);
            parameters.Add($"t{i}", m.At);
            parameters.Add($"v{i}", m.Views);
            parameters.Add($"l{i}", m.Likes);
            parameters.Add($"c{i}", m.Comments);
            parameters.Add($"s{i}", m.Shares);
            parameters.Add($"k{i}", m.Clicks);
            parameters.Add($"o{i}", m.Orders);
            parameters.Add($"g{i}", m.Gmv);
        }
        return (values.ToString(), parameters);
    }

    private sealed class LatestRow
    {
        public string AgencyId { get; set; } = "";
        public string Id { get; set; } = "";
        public string CampaignId { get; set; } = "";
        public int Wave { get; set; }
        public long Views { get; set; }
    }
}
