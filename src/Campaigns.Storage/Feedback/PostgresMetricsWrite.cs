using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Storage.Feedback;

/// <summary>
/// <see cref="MetricsStore.RecordAsync"/> on PostgreSQL as one statement, and so one round trip that also commits: the
/// history rows, the lock of the pushes (in key order, as <c>FOR UPDATE</c>), their new latest and the increases of
/// <c>campaign_views</c> are data-modifying CTEs over the batch passed as arrays. Four statements inside a transaction
/// took six round trips (BEGIN with the first, four, COMMIT); a snapshot's group commit waited for all six. The SQL
/// text is the same for every batch size, so it is prepared once per connection.
/// </summary>
internal static class PostgresMetricsWrite
{
    /// <summary>
    /// <c>batch</c> numbers the writes (WITH ORDINALITY) so that among snapshots of one push at one instant the first
    /// wins, as the history's <c>ON CONFLICT DO NOTHING</c> keeps the first inserted. <c>locked</c> is materialized so
    /// that the pushes are locked, in key order, before any is updated, and their views are read after the lock (the
    /// latest committed version, not the statement's snapshot): the increase added to <c>campaign_views</c> is over
    /// the latest a concurrent batch left.
    /// </summary>
    private const string Sql =
        """
        WITH batch AS (
            SELECT * FROM unnest(@agency, @push, @at, @views, @likes, @comments, @shares, @clicks, @orders, @gmv) WITH ORDINALITY
                AS b(agency_id, push_id, at, views, likes, comments, shares, clicks, orders, gmv, n)
        ), history AS (
            INSERT INTO push_metrics (agency_id, push_id, at, views, likes, comments, shares, clicks, orders, gmv, received_at)
            SELECT agency_id, push_id, at, views, likes, comments, shares, clicks, orders, gmv, @receivedAt
            FROM batch ORDER BY agency_id, push_id, at, n
            ON CONFLICT (agency_id, push_id, at) DO NOTHING
        ), newest AS (
            SELECT DISTINCT ON (agency_id, push_id) * FROM batch ORDER BY agency_id, push_id, at DESC, n
        ), locked AS MATERIALIZED (
            SELECT p.agency_id, p.id, p.campaign_id, p.wave, p.views
            FROM newest w JOIN pushes p ON p.agency_id = w.agency_id AND p.id = w.push_id
            ORDER BY p.agency_id, p.id FOR UPDATE OF p
        ), latest AS (
            UPDATE pushes SET metrics_at = w.at, views = w.views, likes = w.likes, comments = w.comments,
                shares = w.shares, clicks = w.clicks, orders = w.orders, gmv = w.gmv
            FROM newest w JOIN locked l ON l.agency_id = w.agency_id AND l.id = w.push_id
            WHERE pushes.agency_id = w.agency_id AND pushes.id = w.push_id
              AND (pushes.metrics_at IS NULL OR pushes.metrics_at < w.at)
            RETURNING w.n, l.agency_id, l.campaign_id, l.wave, w.at / 1000 AS at_second, w.views - l.views AS increase
        ), added AS (
            INSERT INTO campaign_views (agency_id, campaign_id, wave, at_second, views)
            SELECT agency_id, campaign_id, wave, at_second, SUM(increase) FROM latest
            GROUP BY agency_id, campaign_id, wave, at_second ORDER BY agency_id, campaign_id, wave, at_second
            ON CONFLICT (agency_id, campaign_id, wave, at_second) DO UPDATE SET views = campaign_views.views + excluded.views
        )
        SELECT n FROM latest
        """;

    /// <summary>Records the writes in one statement; answers, per write, whether it became its push's latest.</summary>
    public static async Task<IReadOnlyList<bool>> RecordAsync(
        NpgsqlConnection connection, IReadOnlyList<MetricsWrite> writes, long receivedAt, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection);
        Add(command, "agency", writes.Select(w => w.AgencyId).ToArray(), NpgsqlDbType.Text);
        Add(command, "push", writes.Select(w => w.PushId).ToArray(), NpgsqlDbType.Text);
        Add(command, "at", writes.Select(w => w.Metrics.At).ToArray(), NpgsqlDbType.Bigint);
        Add(command, "views", writes.Select(w => w.Metrics.Views).ToArray(), NpgsqlDbType.Bigint);
        Add(command, "likes", writes.Select(w => w.Metrics.Likes).ToArray(), NpgsqlDbType.Bigint);
        Add(command, "comments", writes.Select(w => w.Metrics.Comments).ToArray(), NpgsqlDbType.Bigint);
        Add(command, "shares", writes.Select(w => w.Metrics.Shares).ToArray(), NpgsqlDbType.Bigint);
        Add(command, "clicks", writes.Select(w => w.Metrics.Clicks).ToArray(), NpgsqlDbType.Bigint);
        Add(command, "orders", writes.Select(w => w.Metrics.Orders).ToArray(), NpgsqlDbType.Bigint);
        Add(command, "gmv", writes.Select(w => w.Metrics.Gmv).ToArray(), NpgsqlDbType.Bigint);
        command.Parameters.Add(new NpgsqlParameter<long>("receivedAt", NpgsqlDbType.Bigint) { TypedValue = receivedAt });
        await command.PrepareAsync(cancellationToken);

        var applied = new bool[writes.Count];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt64(0) - 1] = true;
        }
        return applied;
    }

    private static void Add<T>(NpgsqlCommand command, string name, T[] values, NpgsqlDbType elementType) =>
        command.Parameters.Add(new NpgsqlParameter<T[]>(name, NpgsqlDbType.Array | elementType) { TypedValue = values });
}
