using System.Text;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Common;
using Campaigns.Storage.Pushes;
using Campaigns.Storage.Reports;
using Dapper;
using Npgsql;

namespace Campaigns.Storage.Exchanges;

/// <summary>
/// Exchanges: reserved together with their pushes and pending credits in one transaction, then read for views.
/// The reservation checks the credit limit inside that transaction, under a lock per agency (PostgreSQL: an advisory
/// transaction lock; SQLite: the write lock <c>BEGIN IMMEDIATE</c> takes), so even two ledger grains alive at once for
/// one agency — possible for moments while a cluster's membership settles — could not both pass the check.
/// </summary>
public sealed class ExchangeStore(DbConnectionFactory connections, IAccountFiguresChanged? figures = null)
{
    private const string ExchangeColumns = "agency_id, id, campaign_id, account_a, account_b, created_at, document";
    private const string LegColumns = "agency_id, push_id, exchange_id, host_account_id, owner_account_id, credits, state, updated_at";

    /// <summary>
    /// Stores the exchanges, legs and pushes in one transaction when <paramref name="check"/>, given the current totals
    /// of every account involved, returns no refusal. When any of the pushes already has a leg (a campaign's launch
    /// repeated after a crash), nothing is written and the exchanges already stored are named.
    /// </summary>
    public async Task<ReservationResult> ReserveAsync(
        string agencyId,
        IReadOnlyList<ExchangeRow> exchanges,
        IReadOnlyList<ExchangeLegRow> legs,
        IReadOnlyList<PushRow> pushes,
        Func<IReadOnlyDictionary<string, CreditTotals>, string?> check,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (connection is NpgsqlConnection)
        {
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = LockKey(agencyId) }, transaction);
        }
        var existing = (await connection.QueryAsync<string>(
            $"SELECT DISTINCT exchange_id FROM exchange_legs WHERE agency_id = @agencyId AND {SqlLists.OneOf(connections.Provider, "push_id", "ids")}",
            new { agencyId, ids = legs.Select(l => l.PushId).ToArray() }, transaction)).ToList();
        if (existing.Count > 0)
        {
            return new ReservationResult(false, null, existing);
        }
        var accounts = legs.SelectMany(l => new[] { l.HostAccountId, l.OwnerAccountId }).ToList();
        var totals = await LedgerStore.TotalsAsync(connection, transaction, connections.Provider, agencyId, accounts);
        if (check(totals) is { } refusal)
        {
            return new ReservationResult(false, refusal, []);
        }
        await BatchInsert.ExecuteAsync(connection, transaction, "exchanges", ExchangeColumns.Split(", "),
            exchanges.Select(e => new object?[] { e.AgencyId, e.Id, e.CampaignId, e.AccountA, e.AccountB, e.CreatedAt, e.Document }).ToList(),
            "", cancellationToken);
        await BatchInsert.ExecuteAsync(connection, transaction, "exchange_legs", LegColumns.Split(", "),
            legs.Select(l => new object?[] { l.AgencyId, l.PushId, l.ExchangeId, l.HostAccountId, l.OwnerAccountId, l.Credits, l.State, l.UpdatedAt }).ToList(),
            "", cancellationToken);
        await OwnerPushes.InsertAsync(connection, transaction, pushes, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await figures.AfterCommitAsync([agencyId]);
        await OwnerPushes.AnalyzeAfterBulkAsync(connection, pushes.Count, cancellationToken);
        return new ReservationResult(true, null, []);
    }

    /// <summary>One exchange's document, or null.</summary>
    public async Task<string?> GetAsync(string agencyId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT document FROM exchanges WHERE agency_id = @agencyId AND id = @id", new { agencyId, id });
    }

    /// <summary>The documents of these exchanges, by id.</summary>
    public Task<IReadOnlyDictionary<string, string>> DocumentsAsync(string agencyId, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) =>
        DocumentsById.ReadAsync(connections, "exchanges", agencyId, ids, cancellationToken);

    /// <summary>A page of exchanges in id order: those of one account (either side), of one campaign, or all.</summary>
    public async Task<(IReadOnlyList<string> Documents, bool HasMore)> ListAsync(
        string agencyId, string? accountId, string? campaignId, string? after, int limit, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder("SELECT x.document FROM exchanges x WHERE x.agency_id = @AgencyId");
        if (accountId is not null) sql.Append(" AND (x.account_a = @AccountId OR x.account_b = @AccountId)");
        if (campaignId is not null) sql.Append(" AND x.campaign_id = @CampaignId");
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await KeysetPage.ReadAsync(connection, sql, new DynamicParameters(new { AgencyId = agencyId, AccountId = accountId, CampaignId = campaignId }), after, limit);
    }

    /// <summary>The pushes of these exchanges with their legs' states.</summary>
    public async Task<IReadOnlyList<ExchangePushState>> PushStatesAsync(string agencyId, IReadOnlyCollection<string> exchangeIds, CancellationToken cancellationToken = default)
    {
        var states = new List<ExchangePushState>();
        await using var connection = await connections.OpenAsync(cancellationToken);
        foreach (var ids in exchangeIds.Distinct(StringComparer.Ordinal).Chunk(BatchInsert.ListChunk(connections.Provider)))
        {
            states.AddRange(await connection.QueryAsync<ExchangePushState>(
                $"""
                SELECT l.exchange_id AS ExchangeId, l.push_id AS PushId, l.state AS LegState, p.status AS Status,
                       p.scheduled_at AS ScheduledAt, p.published_at AS PublishedAt, p.last_error AS LastError
                FROM exchange_legs l LEFT JOIN pushes p ON p.agency_id = l.agency_id AND p.id = l.push_id
                WHERE l.agency_id = @agencyId AND {SqlLists.OneOf(connections.Provider, "l.exchange_id", "ids")}
                """, new { agencyId, ids }));
        }
        return states;
    }

    /// <summary>A stable 64-bit key for the agency's advisory lock.</summary>
    private static long LockKey(string agencyId)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("exchange-ledger/" + agencyId));
        return BitConverter.ToInt64(hash, 0);
    }
}
