using System.Data.Common;
using System.Text;
using Campaigns.Domain.Common;
using Campaigns.Domain.Pushes;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Common;
using Campaigns.Storage.Pushes;
using Campaigns.Storage.Reports;
using Dapper;

namespace Campaigns.Storage.Exchanges;

/// <summary>
/// The credit ledger: settled entries, and the totals the limit is checked against. Balances are sums, never stored,
/// so there is nothing to drift.
/// </summary>
public sealed class LedgerStore(DbConnectionFactory connections, IAccountFiguresChanged? figures = null)
{
    /// <summary>The statuses in which a push will never publish: its leg's credits are released.</summary>
    private static readonly PushStatus[] DeadPushes = [PushStatus.Failed, PushStatus.Skipped, PushStatus.Cancelled];

    /// <summary>The totals of these accounts; accounts without entries or legs are absent.</summary>
    public async Task<IReadOnlyDictionary<string, CreditTotals>> TotalsAsync(string agencyId, IReadOnlyCollection<string> accountIds, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await TotalsAsync(connection, null, connections.Provider, agencyId, accountIds);
    }

    /// <summary>
    /// Totals in one statement, so they are one consistent snapshot even beside a settlement. A pending leg counts
    /// until its push is known dead (failed, skipped, cancelled — including pushes cancelled in bulk by a campaign
    /// whose legs are released later), and a published push's leg counts as pending until it is settled.
    /// </summary>
    internal static async Task<IReadOnlyDictionary<string, CreditTotals>> TotalsAsync(
        DbConnection connection, DbTransaction? transaction, StorageProvider provider, string agencyId, IReadOnlyCollection<string> accountIds)
    {
        var totals = new Dictionary<string, (long Settled, long In, long Out)>(StringComparer.Ordinal);
        foreach (var ids in accountIds.Distinct(StringComparer.Ordinal).Chunk(BatchInsert.ListChunk(provider)))
        {
            var rows = await connection.QueryAsync<(string AccountId, string Part, long Total)>(
                $"""
                SELECT account_id, 'settled', CAST(SUM(amount) AS BIGINT) FROM ledger_entries
                WHERE agency_id = @agencyId AND {SqlLists.OneOf(provider, "account_id", "ids")} GROUP BY account_id
                UNION ALL
                SELECT l.host_account_id, 'in', CAST(SUM(l.credits) AS BIGINT) FROM exchange_legs l
                LEFT JOIN pushes p ON p.agency_id = l.agency_id AND p.id = l.push_id
                WHERE l.agency_id = @agencyId AND l.state = '{LegStates.Pending}' AND {SqlLists.OneOf(provider, "l.host_account_id", "ids")}
                  AND (p.status IS NULL OR p.status NOT IN {PushSql.Words(DeadPushes)})
                GROUP BY l.host_account_id
                UNION ALL
                SELECT l.owner_account_id, 'out', CAST(SUM(l.credits) AS BIGINT) FROM exchange_legs l
                LEFT JOIN pushes p ON p.agency_id = l.agency_id AND p.id = l.push_id
                WHERE l.agency_id = @agencyId AND l.state = '{LegStates.Pending}' AND {SqlLists.OneOf(provider, "l.owner_account_id", "ids")}
                  AND (p.status IS NULL OR p.status NOT IN {PushSql.Words(DeadPushes)})
                GROUP BY l.owner_account_id
                """, new { agencyId, ids }, transaction);
            foreach (var (accountId, part, total) in rows)
            {
                var t = totals.GetValueOrDefault(accountId);
                totals[accountId] = part switch
                {
                    "settled" => t with { Settled = total },
                    "in" => t with { In = total },
                    _ => t with { Out = total },
                };
            }
        }
        return totals.ToDictionary(t => t.Key, t => new CreditTotals(t.Value.Settled, t.Value.In, t.Value.Out), StringComparer.Ordinal);
    }

    /// <summary>Pending legs whose push has settled (one push, or all of the agency's), at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<SettleableLeg>> SettleableAsync(string agencyId, string? pushId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SettleableLeg>(
            $"""
            SELECT l.push_id AS PushId, l.exchange_id AS ExchangeId, l.host_account_id AS HostAccountId,
                   l.owner_account_id AS OwnerAccountId, l.credits AS Credits, p.status AS PushStatus, p.published_at AS PublishedAt
            FROM exchange_legs l JOIN pushes p ON p.agency_id = l.agency_id AND p.id = l.push_id
            WHERE l.agency_id = @agencyId AND l.state = '{LegStates.Pending}'
              AND p.status IN {PushSql.Words([PushStatus.Published, .. DeadPushes])} {(pushId is null ? "" : "AND l.push_id = @pushId")}
            ORDER BY l.push_id LIMIT @limit
            """, new { agencyId, pushId, limit });
        return rows.ToList();
    }

    /// <summary>
    /// The agencies with a pending leg whose push has settled: what the durable reconcile job hands to each agency's
    /// ledger. Reads pending legs only (index on state first, migration 1120).
    /// </summary>
    public async Task<IReadOnlyList<string>> AgenciesToReconcileAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<string>(
            $"""
            SELECT DISTINCT l.agency_id FROM exchange_legs l JOIN pushes p ON p.agency_id = l.agency_id AND p.id = l.push_id
            WHERE l.state = '{LegStates.Pending}' AND p.status IN {PushSql.Words([PushStatus.Published, .. DeadPushes])}
            ORDER BY l.agency_id
            """);
        return rows.ToList();
    }

    /// <summary>
    /// Settles one leg in one transaction: a published push writes the host's entry (+credits) and the owner's
    /// (−credits); any other outcome releases the credits. A leg already settled or released changes nothing, and the
    /// entries' key (account, push) means nothing is ever written twice. Returns whether the leg changed.
    /// </summary>
    public async Task<bool> SettleAsync(string agencyId, SettleableLeg leg, long now, Func<string> newEntryId, CancellationToken cancellationToken = default)
    {
        var published = leg.PushStatus == WireName<PushStatus>.Of(PushStatus.Published);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(
            $"UPDATE exchange_legs SET state = @state, updated_at = @now WHERE agency_id = @agencyId AND push_id = @PushId AND state = '{LegStates.Pending}'",
            new { agencyId, leg.PushId, state = published ? LegStates.Settled : LegStates.Released, now }, transaction);
        if (changed == 1 && published)
        {
            var at = leg.PublishedAt ?? now;
            await connection.ExecuteAsync(
                """
                INSERT INTO ledger_entries (agency_id, account_id, push_id, id, exchange_id, amount, counterparty_id, reason, at)
                VALUES (@agencyId, @AccountId, @PushId, @Id, @ExchangeId, @Amount, @CounterpartyId, @Reason, @at)
                ON CONFLICT (agency_id, account_id, push_id) DO NOTHING
                """,
                new[]
                {
                    new { agencyId, AccountId = leg.HostAccountId, leg.PushId, Id = newEntryId(), leg.ExchangeId, Amount = leg.Credits, CounterpartyId = leg.OwnerAccountId, Reason = EntryReasons.Hosted, at },
                    new { agencyId, AccountId = leg.OwnerAccountId, leg.PushId, Id = newEntryId(), leg.ExchangeId, Amount = -leg.Credits, CounterpartyId = leg.HostAccountId, Reason = EntryReasons.Promoted, at },
                }, transaction);
        }
        await transaction.CommitAsync(cancellationToken);
        // Settled credits show on the accounts' pages; a release writes no entry.
        await figures.AfterCommitAsync(changed == 1 && published ? [agencyId] : []);
        return changed == 1;
    }

    /// <summary>A page of an account's entries in the order they were written, each with the balance after it.</summary>
    public async Task<(IReadOnlyList<LedgerEntryRow> Rows, bool HasMore)> EntriesAsync(
        string agencyId, string accountId, string? after, int limit, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder(
            """
            SELECT * FROM (
                SELECT id AS Id, push_id AS PushId, exchange_id AS ExchangeId, amount AS Amount, counterparty_id AS CounterpartyId,
                       reason AS Reason, at AS At, CAST(SUM(amount) OVER (ORDER BY id ROWS UNBOUNDED PRECEDING) AS BIGINT) AS BalanceAfter
                FROM ledger_entries WHERE agency_id = @agencyId AND account_id = @accountId
            ) e
            """);
        if (after is not null)
        {
            sql.Append(" WHERE e.Id > @after");
        }
        sql.Append(" ORDER BY e.Id LIMIT @take");
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<LedgerEntryRow>(sql.ToString(), new { agencyId, accountId, after, take = limit + 1 })).ToList();
        var hasMore = rows.Count > limit;
        return (hasMore ? rows[..limit] : rows, hasMore);
    }
}
