using Campaigns.Storage.Pushes;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Storage.Feedback;

/// <summary>
/// <see cref="MetricsStore.RecordCheckedAsync"/> on PostgreSQL in two round trips: BEGIN with the batch's pushes
/// locked in key order (<c>FOR UPDATE</c>), then — once the rules have judged every snapshot against those rows — one
/// statement that writes what they accepted, sent with COMMIT. Nothing can change a locked push between the judging
/// and the commit, so two batches racing on one push are judged one after the other.
/// </summary>
internal static class PostgresCheckedMetricsWrite
{
    private const string LockSql =
        """
        SELECT p.agency_id, p.id, p.campaign_id, p.wave, p.status, p.published_at, p.metrics_at,
            p.views, p.likes, p.comments, p.shares, p.clicks, p.orders, p.gmv
        FROM pushes p JOIN (SELECT DISTINCT * FROM unnest(@agency, @push) AS k(agency_id, id)) k
            ON p.agency_id = k.agency_id AND p.id = k.id
        ORDER BY p.agency_id, p.id FOR UPDATE OF p
        """;

    /// <summary>
    /// Both statements are prepared, but PostgreSQL plans a prepared statement afresh (a custom plan) on its first five
    /// runs and then whenever a custom plan looks cheaper than the generic one, which, with the arrays' lengths known, it
    /// often does. In the metrics benchmark (pg_stat_statements) 3 in 4 runs of the lock were planned afresh, and planning
    /// took as long as running it. The generic plans are the ones wanted at any batch size (index look-ups of the pushes
    /// by key), so the transaction asks for them.
    /// </summary>
    private const string GenericPlans = "SET LOCAL plan_cache_mode = force_generic_plan";

    /// <summary>The history, the new latest of each push that has one, and the increases of views; all precomputed.</summary>
    private const string WriteSql =
        """
        WITH history AS (
            INSERT INTO push_metrics (agency_id, push_id, at, views, likes, comments, shares, clicks, orders, gmv, received_at)
            SELECT agency_id, push_id, at, views, likes, comments, shares, clicks, orders, gmv, @receivedAt
            FROM unnest(@hagency, @hpush, @hat, @hviews, @hlikes, @hcomments, @hshares, @hclicks, @horders, @hgmv)
                AS h(agency_id, push_id, at, views, likes, comments, shares, clicks, orders, gmv)
            ON CONFLICT (agency_id, push_id, at) DO NOTHING
        ), latest AS (
            UPDATE pushes SET metrics_at = l.at, views = l.views, likes = l.likes, comments = l.comments,
                shares = l.shares, clicks = l.clicks, orders = l.orders, gmv = l.gmv
            FROM unnest(@lagency, @lpush, @lat, @lviews, @llikes, @lcomments, @lshares, @lclicks, @lorders, @lgmv)
                AS l(agency_id, push_id, at, views, likes, comments, shares, clicks, orders, gmv)
            WHERE pushes.agency_id = l.agency_id AND pushes.id = l.push_id
        )
        INSERT INTO campaign_views (agency_id, campaign_id, wave, at_second, views)
        SELECT agency_id, campaign_id, wave, at_second, views
        FROM unnest(@vagency, @vcampaign, @vwave, @vsecond, @vviews) AS v(agency_id, campaign_id, wave, at_second, views)
        ORDER BY agency_id, campaign_id, wave, at_second
        ON CONFLICT (agency_id, campaign_id, wave, at_second) DO UPDATE SET views = campaign_views.views + excluded.views
        """;

    /// <summary>Judges and records the writes in one transaction; answers what each snapshot did.</summary>
    public static async Task<IReadOnlyList<MetricsCheck>> RecordAsync(NpgsqlConnection connection, IReadOnlyList<MetricsWrite> writes,
        long receivedAt, Func<PushRow, MetricsRow, bool> accepts, CancellationToken cancellationToken)
    {
        try
        {
            var locked = await LockAsync(connection, writes, cancellationToken);
            var fold = MetricsFold.Of(writes, locked, accepts);
            await using var commit = new NpgsqlBatch(connection);
            if (fold.History.Count > 0)
            {
                commit.BatchCommands.Add(Write(fold, receivedAt));
            }
            commit.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            await commit.PrepareAsync(cancellationToken);
            await commit.ExecuteNonQueryAsync(cancellationToken);
            return fold.Checks;
        }
        catch
        {
            await RollBackAsync(connection);
            throw;
        }
    }

    /// <summary>
    /// BEGIN, generic plans for the transaction (<see cref="GenericPlans"/>) and the lock of the batch's pushes, one
    /// round trip; the rows by agency and id.
    /// </summary>
    private static async Task<Dictionary<(string AgencyId, string Id), PushRow>> LockAsync(
        NpgsqlConnection connection, IReadOnlyList<MetricsWrite> writes, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(GenericPlans));
        var select = new NpgsqlBatchCommand(LockSql);
        Add(select, "agency", writes.Select(w => w.AgencyId), NpgsqlDbType.Text);
        Add(select, "push", writes.Select(w => w.PushId), NpgsqlDbType.Text);
        batch.BatchCommands.Add(select);
        await batch.PrepareAsync(cancellationToken);
        var rows = new Dictionary<(string AgencyId, string Id), PushRow>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (reader.FieldCount == 0 && await reader.NextResultAsync(cancellationToken))
        {
            // BEGIN returns no rows
        }
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new PushRow
            {
                AgencyId = reader.GetString(0), Id = reader.GetString(1), CampaignId = reader.GetString(2), Wave = reader.GetInt32(3),
                Status = reader.GetString(4), PublishedAt = reader.IsDBNull(5) ? null : reader.GetInt64(5),
                MetricsAt = reader.IsDBNull(6) ? null : reader.GetInt64(6), Views = reader.GetInt64(7), Likes = reader.GetInt64(8),
                Comments = reader.GetInt64(9), Shares = reader.GetInt64(10), Clicks = reader.GetInt64(11),
                Orders = reader.GetInt64(12), Gmv = reader.GetInt64(13),
            };
            rows[(row.AgencyId, row.Id)] = row;
        }
        return rows;
    }

    private static NpgsqlBatchCommand Write(MetricsFold fold, long receivedAt)
    {
        var command = new NpgsqlBatchCommand(WriteSql);
        AddSnapshots(command, "h", fold.History);
        AddSnapshots(command, "l", fold.Latest);
        var increases = fold.Increases.ToList();
        Add(command, "vagency", increases.Select(i => i.Key.AgencyId), NpgsqlDbType.Text);
        Add(command, "vcampaign", increases.Select(i => i.Key.CampaignId), NpgsqlDbType.Text);
        Add(command, "vwave", increases.Select(i => i.Key.Wave), NpgsqlDbType.Integer);
        Add(command, "vsecond", increases.Select(i => i.Key.Second), NpgsqlDbType.Bigint);
        Add(command, "vviews", increases.Select(i => i.Value), NpgsqlDbType.Bigint);
        command.Parameters.Add(new NpgsqlParameter<long>("receivedAt", NpgsqlDbType.Bigint) { TypedValue = receivedAt });
        return command;
    }

    private static void AddSnapshots(NpgsqlBatchCommand command, string prefix, IReadOnlyList<MetricsWrite> writes)
    {
        Add(command, prefix + "agency", writes.Select(w => w.AgencyId), NpgsqlDbType.Text);
        Add(command, prefix + "push", writes.Select(w => w.PushId), NpgsqlDbType.Text);
        Add(command, prefix + "at", writes.Select(w => w.Metrics.At), NpgsqlDbType.Bigint);
        Add(command, prefix + "views", writes.Select(w => w.Metrics.Views), NpgsqlDbType.Bigint);
        Add(command, prefix + "likes", writes.Select(w => w.Metrics.Likes), NpgsqlDbType.Bigint);
        Add(command, prefix + "comments", writes.Select(w => w.Metrics.Comments), NpgsqlDbType.Bigint);
        Add(command, prefix + "shares", writes.Select(w => w.Metrics.Shares), NpgsqlDbType.Bigint);
        Add(command, prefix + "clicks", writes.Select(w => w.Metrics.Clicks), NpgsqlDbType.Bigint);
        Add(command, prefix + "orders", writes.Select(w => w.Metrics.Orders), NpgsqlDbType.Bigint);
        Add(command, prefix + "gmv", writes.Select(w => w.Metrics.Gmv), NpgsqlDbType.Bigint);
    }

    /// <summary>Ends a transaction a failure left open, so the pooled connection goes back clean (best effort).</summary>
    private static async Task RollBackAsync(NpgsqlConnection connection)
    {
        try
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
                await rollback.ExecuteNonQueryAsync();
            }
        }
        catch (NpgsqlException)
        {
            // the connection is broken; the server ends its transaction with it
        }
    }

    private static void Add<T>(NpgsqlBatchCommand command, string name, IEnumerable<T> values, NpgsqlDbType elementType) =>
        command.Parameters.Add(new NpgsqlParameter<T[]>(name, NpgsqlDbType.Array | elementType) { TypedValue = values.ToArray() });
}
