using Campaigns.Domain.Pushes;
using Dapper;

namespace Campaigns.Storage.Pushes;

/// <summary>
/// Claims and their leases. A claim moves due pushes to publishing under the claiming silo's lease, in one conditional
/// UPDATE, so one push is claimed by one silo however many look at it. The holder renews its leases while it
/// publishes; whoever finds a holder dead, or a lease run out, recovers the push for a new claim.
/// </summary>
public sealed class PushClaims(DbConnectionFactory connections)
{
    /// <summary>The words of <see cref="RecoverAsync"/>'s note on each push it recovers.</summary>
    public const string RecoveredNote = "Recovered from a silo that died or stopped renewing its claim mid-flight; the outcome of that attempt is unknown.";

    /// <summary>
    /// Claims up to <paramref name="limit"/> scheduled, unheld, ungated pushes due before <paramref name="dueBefore"/>
    /// under <paramref name="lease"/>, and returns them.
    /// </summary>
    /// <remarks>
    /// On PostgreSQL the due rows are picked and locked once (a materialized CTE, <c>FOR UPDATE SKIP LOCKED</c>) and
    /// then updated by primary key. The plainer <c>WHERE (agency_id, id) IN (SELECT … FOR UPDATE SKIP LOCKED)</c> is
    /// at the planner's mercy: right after a launch, before autovacuum has analysed the new rows, statistics say almost
    /// no push is scheduled, and the planner rescans the locking subquery once per scheduled push — measured 7.5 s for
    /// 10,000 pushes on an idle database, and 30 s timeouts during a benchmark burst. Updating by key cannot be planned
    /// that way, and the rows need no second status check: they stay locked, as selected, until the statement ends.
    /// </remarks>
    public async Task<IReadOnlyList<PushRow>> ClaimDueAsync(long dueBefore, int limit, PushLease lease, long now, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PushRow>(ClaimSql(connections.Provider),
            new { dueBefore, limit, now, lease.Holder, leaseUntil = lease.ExpiresAt });
        return rows.ToList();
    }

    /// <summary>The claim statement (parameters <c>@dueBefore</c>, <c>@limit</c>, <c>@now</c>, <c>@Holder</c>, <c>@leaseUntil</c>).</summary>
    internal static string ClaimSql(StorageProvider provider)
    {
        var due = $"{PushSql.Guard(PushTransition.Claim)} AND held = 0 AND gated = 0 AND awaiting_credential = 0 AND due_at < @dueBefore";
        var set = $"{PushSql.Set(PushTransition.Claim)}, lease_holder = @Holder, lease_expires_at = @leaseUntil, updated_at = @now";
        return provider == StorageProvider.PostgreSql
            ? $"""
              WITH due AS MATERIALIZED (
                  SELECT agency_id AS due_agency, id AS due_id FROM pushes WHERE {due}
                  ORDER BY due_at LIMIT @limit FOR UPDATE SKIP LOCKED)
              UPDATE pushes SET {set}
              FROM due WHERE agency_id = due_agency AND id = due_id
              RETURNING {PushSql.Select}
              """
            : $"""
              UPDATE pushes SET {set}
              WHERE {due} AND (agency_id, id) IN (SELECT agency_id, id FROM pushes WHERE {due} ORDER BY due_at LIMIT @limit)
              RETURNING {PushSql.Select}
              """;
    }

    /// <summary>
    /// Extends to <paramref name="until"/> the leases <paramref name="holder"/> still holds on these pushes, in one
    /// transaction (one statement per chunk of keys); returns how many it extended. A push recovered meanwhile, or
    /// settled, is not the holder's any more and is left alone; so is one whose row is locked right now (on
    /// PostgreSQL): its outcome is being recorded, and should that fail, the next round renews it.
    /// </summary>
    public async Task<int> RenewAsync(string holder, IReadOnlyCollection<PushKey> pushes, long until, CancellationToken cancellationToken = default)
    {
        if (pushes.Count == 0)
        {
            return 0;
        }
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var renewed = 0;
        var sql = RenewSql(connections.Provider);
        foreach (var chunk in pushes.Select(p => p.Id).Distinct(StringComparer.Ordinal).Chunk(BatchInsert.ListChunk(connections.Provider)))
        {
            renewed += await connection.ExecuteAsync(sql, new { until, Holder = holder, ids = chunk }, transaction);
        }
        await transaction.CommitAsync(cancellationToken);
        return renewed;
    }

    /// <summary>The renewal statement (parameters <c>@until</c>, <c>@Holder</c>, <c>@ids</c>).</summary>
    /// <remarks>
    /// Push ids are derived from their owner's id and position (SHA-256), so the id alone picks the row; the holder
    /// guard keeps the rare other agency's push with the same id out of reach anyway. On PostgreSQL the rows are
    /// locked first, skipping those another transaction holds: a plain multi-row UPDATE locks them in whatever order
    /// it scans them and waits for each, so it deadlocked with the group commit of outcomes, which locks the same
    /// pushes one by one (measured: thousands of outcomes lost to deadlocks when a silo of three was killed during
    /// 10,000 pushes, and the killing silo's live leases left to expire).
    /// </remarks>
    internal static string RenewSql(StorageProvider provider)
    {
        var mine = $"{PushSql.Guard(PushTransition.RenewLease)} AND {Common.SqlLists.OneOf(provider, "id", "ids")}";
        return provider == StorageProvider.PostgreSql
            ? $"""
              WITH mine AS MATERIALIZED (SELECT agency_id AS lease_agency, id AS lease_id FROM pushes WHERE {mine} FOR UPDATE SKIP LOCKED)
              UPDATE pushes SET lease_expires_at = @until FROM mine WHERE agency_id = lease_agency AND id = lease_id
              """
            : $"UPDATE pushes SET lease_expires_at = @until WHERE {mine}";
    }

    /// <summary>The holders of every lease on a publishing push (null for a claim made before leases existed).</summary>
    public async Task<IReadOnlyList<string?>> HoldersAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<string?>(
            $"SELECT DISTINCT lease_holder FROM pushes WHERE status = {PushSql.Word(PushStatus.Publishing)}");
        return rows.ToList();
    }

    /// <summary>
    /// Puts back to scheduled every publishing push whose holder is one of <paramref name="deadHolders"/>, whose lease
    /// ran out before <paramref name="now"/>, or which has no lease; returns how many. The lost attempt is counted: a
    /// push with attempts behind it asks the platform whether its post exists before publishing, so a holder that was
    /// alive after all never causes a blind re-post. On PostgreSQL a row another transaction holds is left for the
    /// next recovery, for the reason given at <see cref="RenewSql"/>: it is being settled or renewed right now.
    /// </summary>
    public async Task<int> RecoverAsync(IReadOnlyCollection<string> deadHolders, long now, CancellationToken cancellationToken = default)
    {
        var lost = $"{PushSql.Guard(PushTransition.RecoverLease)} AND (lease_holder IS NULL OR lease_expires_at < @now OR "
            + $"{Common.SqlLists.OneOf(connections.Provider, "lease_holder", "dead")})";
        var set = $"{PushSql.Set(PushTransition.RecoverLease)}, attempts = attempts + 1, last_error = @note, updated_at = @now";
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            connections.Provider == StorageProvider.PostgreSql
                ? $"""
                  WITH lost AS MATERIALIZED (SELECT agency_id AS lost_agency, id AS lost_id FROM pushes WHERE {lost} FOR UPDATE SKIP LOCKED)
                  UPDATE pushes SET {set} FROM lost WHERE agency_id = lost_agency AND id = lost_id
                  """
                : $"UPDATE pushes SET {set} WHERE {lost}",
            new { now, note = RecoveredNote, dead = deadHolders.ToArray() });
    }
}
