using Dapper;

namespace Campaigns.Storage.Accounts;

/// <summary>
/// Follower history: one row per (account, instant). The account grain writes it; the gateway reads ranges of it.
/// Every query is bounded by the primary key (agency, account, instant), so it is an index range scan.
/// </summary>
public sealed class FollowerStore(DbConnectionFactory connections)
{
    /// <summary>Records a snapshot; null when it is new, otherwise the count already recorded at that instant.</summary>
    public async Task<long?> TryRecordAsync(string agencyId, string accountId, long atMs, long count, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var key = new { agencyId, accountId, atMs, count };
        var inserted = await connection.ExecuteAsync(
            """
            INSERT INTO follower_snapshots (agency_id, account_id, at_ms, count) VALUES (@agencyId, @accountId, @atMs, @count)
            ON CONFLICT DO NOTHING
            """, key);
        return inserted > 0
            ? null
            : await connection.QuerySingleAsync<long>(
                "SELECT count FROM follower_snapshots WHERE agency_id = @agencyId AND account_id = @accountId AND at_ms = @atMs", key);
    }

    /// <summary>Up to <paramref name="take"/> snapshots within [from, to], oldest first.</summary>
    public async Task<IReadOnlyList<FollowerPointRow>> RangeAsync(
        string agencyId, string accountId, long fromMs, long toMs, int take, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<FollowerPointRow>(
            """
            SELECT at_ms AS AtMs, count AS Count FROM follower_snapshots
            WHERE agency_id = @agencyId AND account_id = @accountId AND at_ms >= @fromMs AND at_ms <= @toMs
            ORDER BY at_ms LIMIT @take
            """, new { agencyId, accountId, fromMs, toMs, take });
        return rows.AsList();
    }

    /// <summary>The first and last snapshots within [from, to] (both null when there are none).</summary>
    public async Task<(FollowerPointRow? First, FollowerPointRow? Last)> EdgesAsync(
        string agencyId, string accountId, long fromMs, long toMs, CancellationToken cancellationToken = default)
    {
        const string Where = "WHERE agency_id = @agencyId AND account_id = @accountId AND at_ms >= @fromMs AND at_ms <= @toMs";
        await using var connection = await connections.OpenAsync(cancellationToken);
        var window = new { agencyId, accountId, fromMs, toMs };
        var first = await connection.QuerySingleOrDefaultAsync<FollowerPointRow>(
            $"SELECT at_ms AS AtMs, count AS Count FROM follower_snapshots {Where} ORDER BY at_ms LIMIT 1", window);
        var last = await connection.QuerySingleOrDefaultAsync<FollowerPointRow>(
            $"SELECT at_ms AS AtMs, count AS Count FROM follower_snapshots {Where} ORDER BY at_ms DESC LIMIT 1", window);
        return (first, last);
    }
}
