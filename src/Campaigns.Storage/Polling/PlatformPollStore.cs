using System.Data.Common;
using System.Text;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Domain.Pushes;
using Campaigns.Storage.Pushes;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Campaigns.Storage.Polling;

/// <summary>
/// The platform poller's schedule, kept in the database so that it survives restarts and every silo sees the same:
/// <c>pushes.metrics_poll_at</c> (the next metrics poll of a published push; -1 for never) and
/// <c>accounts.followers_polled_at</c> (the last follower poll of an account on a platform connector).
/// </summary>
public sealed class PlatformPollStore(DbConnectionFactory connections)
{
    /// <summary>The value of <c>metrics_poll_at</c> for a push that is never polled (again).</summary>
    public const long Never = -1;

    /// <summary>Rows per UPDATE statement (three parameters each, well under SQLite's sweet spot).</summary>
    private const int RowsPerStatement = 100;

    /// <summary>Up to <paramref name="limit"/> published pushes the poller has not scheduled yet, with whether they are on a platform.</summary>
    public async Task<IReadOnlyList<UnscheduledPushRow>> UnscheduledAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        // The WHERE repeats ix_pushes_metrics_unscheduled's condition word for word, so SQLite can use that partial index.
        var rows = await connection.QueryAsync<UnscheduledPushRow>(
            $"""
            SELECT p.agency_id AS AgencyId, p.id AS Id, p.platform AS Platform, p.published_at AS PublishedAt,
                CASE WHEN a.credential_status IS NOT NULL AND p.platform_post_id IS NOT NULL AND p.published_at IS NOT NULL THEN 1 ELSE 0 END AS OnPlatform
            FROM pushes p LEFT JOIN accounts a ON a.agency_id = p.agency_id AND a.id = p.account_id
            WHERE p.status = {PushSql.Word(PushStatus.Published)} AND p.metrics_poll_at IS NULL
            LIMIT @limit
            """, new { limit });
        return rows.AsList();
    }

    /// <summary>
    /// Up to <paramref name="limit"/> pushes whose metrics poll is due at <paramref name="now"/>, in due order after the
    /// cursor (<paramref name="afterAt"/>, <paramref name="afterAgency"/>, <paramref name="afterId"/>), with their latest snapshot.
    /// </summary>
    public async Task<IReadOnlyList<MetricsPollRow>> DueAsync(
        long now, long afterAt, string afterAgency, string afterId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PushRow, MetricsPollRow, MetricsPollRow>(
            $"""
            SELECT {PushSql.Select}, metrics_poll_at AS PollAt
            FROM pushes
            WHERE metrics_poll_at > 0 AND metrics_poll_at <= @now AND (metrics_poll_at, agency_id, id) > (@afterAt, @afterAgency, @afterId)
            ORDER BY metrics_poll_at, agency_id, id
            LIMIT @limit
            """,
            (push, row) =>
            {
                row.Push = push;
                return row;
            },
            new { now, afterAt, afterAgency, afterId, limit },
            splitOn: "PollAt");
        return rows.AsList();
    }

    /// <summary>Sets the next metrics poll of pushes (<see cref="Never"/> for none).</summary>
    public Task ScheduleAsync(IReadOnlyList<(PollKey Push, long PollAt)> next, CancellationToken cancellationToken = default) =>
        SetInKeyOrderAsync("pushes", "metrics_poll_at", next, cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> accounts connected to their platform and not asked for their followers since
    /// <paramref name="cutoff"/> (or never), in key order after the cursor. Accounts not connected or needing to be
    /// connected again are left out: there is nothing to ask with until someone connects them.
    /// </summary>
    public async Task<IReadOnlyList<PollKey>> FollowersDueAsync(
        long cutoff, string afterAgency, string afterId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string AgencyId, string Id)>(
            $"""
            SELECT agency_id, id FROM accounts
            WHERE credential_status = '{WireName<CredentialStatus>.Of(CredentialStatus.Connected)}' AND (followers_polled_at IS NULL OR followers_polled_at <= @cutoff)
              AND (agency_id, id) > (@afterAgency, @afterId)
            ORDER BY agency_id, id
            LIMIT @limit
            """, new { cutoff, afterAgency, afterId, limit });
        return rows.Select(r => new PollKey(r.AgencyId, r.Id)).ToList();
    }

    /// <summary>Records that accounts were asked for their followers at <paramref name="now"/>.</summary>
    public Task FollowersPolledAsync(IReadOnlyList<PollKey> accounts, long now, CancellationToken cancellationToken = default) =>
        SetInKeyOrderAsync("accounts", "followers_polled_at", accounts.Select(a => (a, now)).ToList(), cancellationToken);

    /// <summary>
    /// Sets one number column of rows keyed (agency, id), in one transaction, rows locked in key order as every statement
    /// that locks several pushes does (MetricsStore, PushOutcomes), so they cannot deadlock one another.
    /// </summary>
    private async Task SetInKeyOrderAsync(string table, string column, IReadOnlyList<(PollKey Key, long Value)> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ordered = rows.OrderBy(r => r.Key.AgencyId, StringComparer.Ordinal).ThenBy(r => r.Key.Id, StringComparer.Ordinal).ToList();
        foreach (var chunk in ordered.Chunk(RowsPerStatement))
        {
            var (values, parameters) = Values(chunk);
            await LockAsync(connection, transaction, table, values, parameters);
            await connection.ExecuteAsync(
                $"""
                UPDATE {table} SET {column} = v.column3
                FROM (VALUES {values}) AS v
                WHERE {table}.agency_id = v.column1 AND {table}.id = v.column2
                """, parameters, transaction);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>On PostgreSQL, locks the rows in key order before the UPDATE takes them in whatever order it joins (SQLite holds its write lock already).</summary>
    private static async Task LockAsync(DbConnection connection, DbTransaction transaction, string table, string values, DynamicParameters parameters)
    {
        if (connection is SqliteConnection)
        {
            return;
        }
        await connection.ExecuteAsync(
            $"""
            SELECT 1 FROM (VALUES {values}) AS v CROSS JOIN {table} t
            WHERE t.agency_id = v.column1 AND t.id = v.column2
            ORDER BY t.agency_id, t.id FOR UPDATE OF t
            """, parameters, transaction);
    }

    /// <summary>A VALUES list of (agency, id, number) and its parameters.</summary>
    private static (string Values, DynamicParameters Parameters) Values(IReadOnlyList<(PollKey Key, long Value)> rows)
    {
        var values = new StringBuilder();
        var parameters = new DynamicParameters();
        for (var i = 0; i < rows.Count; i++)
        {
            values.Append(i == 0 ? "" : ", ").Append($"(@a{i}, @i{i}, CAST(@n{i} AS BIGINT))");
            parameters.Add($"a{i}", rows[i].Key.AgencyId);
            parameters.Add($"i{i}", rows[i].Key.Id);
            parameters.Add($"n{i}", rows[i].Value);
        }
        return (values.ToString(), parameters);
    }
}
