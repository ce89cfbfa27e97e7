using System.Text;
using Campaigns.Domain.Common;
using Campaigns.Domain.Pushes;
using Dapper;

namespace Campaigns.Storage.Pushes;

/// <summary>Reads of the pushes table: one push, a page, counts by status, the instants an account posts at.</summary>
public sealed class PushQueries(DbConnectionFactory connections)
{
    /// <summary>
    /// True when the database has a single writer (SQLite): a long write elsewhere then delays the outcomes of pushes
    /// publishing meanwhile, so bulk writers that can wait (the sandbox feed) yield to firing.
    /// </summary>
    public bool SingleWriter => connections.Provider == StorageProvider.Sqlite;

    /// <summary>Whether any push is publishing now, or scheduled (unheld, released) and due before <paramref name="until"/>.</summary>
    public async Task<bool> FiringSoonAsync(long until, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(
            $"""
            SELECT CASE WHEN EXISTS (SELECT 1 FROM pushes WHERE status = {PushSql.Word(PushStatus.Publishing)})
                OR EXISTS (SELECT 1 FROM pushes WHERE status = {PushSql.Word(PushStatus.Scheduled)} AND due_at < @until AND held = 0 AND gated = 0 AND awaiting_credential = 0)
            THEN 1 ELSE 0 END
            """, new { until }) == 1;
    }

    /// <summary>The distinct instants at which a campaign's scheduled, unheld pushes are due.</summary>
    public async Task<IReadOnlyList<long>> DueInstantsAsync(string agencyId, string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<long>(
            $"SELECT DISTINCT due_at FROM pushes WHERE agency_id = @agencyId AND campaign_id = @campaignId AND status = {PushSql.Word(PushStatus.Scheduled)} AND held = 0 AND gated = 0",
            new { agencyId, campaignId });
        return rows.ToList();
    }

    /// <summary>How many pushes of a campaign are in each status.</summary>
    public async Task<IReadOnlyDictionary<PushStatus, int>> CountsAsync(string agencyId, string campaignId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Status, long Count)>(
            "SELECT status, COUNT(*) FROM pushes WHERE agency_id = @agencyId AND campaign_id = @campaignId GROUP BY status",
            new { agencyId, campaignId });
        return rows.ToDictionary(r => WireName<PushStatus>.Parse(r.Status), r => (int)r.Count);
    }

    /// <summary>One push of an agency.</summary>
    public async Task<PushRow?> GetAsync(string agencyId, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<PushRow>(
            $"SELECT {PushSql.Select} FROM pushes WHERE agency_id = @agencyId AND id = @id", new { agencyId, id });
    }

    /// <summary>These pushes of an agency, by id, in one query per chunk of ids; unknown ids are absent.</summary>
    public async Task<IReadOnlyDictionary<string, PushRow>> GetManyAsync(
        string agencyId, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        var rows = await Common.SqlLists.QueryOneOfAsync<PushRow>(
            connections, $"SELECT {PushSql.Select} FROM pushes WHERE agency_id = @agencyId AND", "id", agencyId, ids, cancellationToken);
        return rows.ToDictionary(r => r.Id, StringComparer.Ordinal);
    }

    /// <summary>A page of a campaign's pushes in id order, optionally in one status.</summary>
    public async Task<(IReadOnlyList<PushRow> Rows, bool HasMore)> ListAsync(
        string agencyId, string campaignId, PushStatus? status, string? after, int limit, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder($"SELECT {PushSql.Select} FROM pushes WHERE agency_id = @agencyId AND campaign_id = @campaignId");
        if (status is not null) sql.Append(" AND status = @status");
        if (after is not null) sql.Append(" AND id > @after");
        sql.Append(" ORDER BY id LIMIT @take");
        await using var connection = await connections.OpenAsync(cancellationToken);
        var word = status is { } s ? WireName<PushStatus>.Of(s) : null;
        var rows = (await connection.QueryAsync<PushRow>(sql.ToString(), new { agencyId, campaignId, status = word, after, take = limit + 1 })).ToList();
        var hasMore = rows.Count > limit;
        return (hasMore ? rows[..limit] : rows, hasMore);
    }

    /// <summary>The scheduled instants of an account's pushes published since <paramref name="since"/>.</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> PublishedSinceAsync(string agencyId, string accountId, long since, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<long>(
            $"SELECT scheduled_at FROM pushes WHERE agency_id = @agencyId AND account_id = @accountId AND status = {PushSql.Word(PushStatus.Published)} AND published_at >= @since",
            new { agencyId, accountId, since });
        return rows.Select(DateTimeOffset.FromUnixTimeMilliseconds).ToList();
    }

    /// <summary>Instants at which these accounts already post (scheduled, publishing or published) from <paramref name="from"/> on.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<DateTimeOffset>>> TakenAsync(
        string agencyId, IReadOnlyCollection<string> accountIds, long from, CancellationToken cancellationToken = default)
    {
        var taken = new Dictionary<string, List<DateTimeOffset>>(StringComparer.Ordinal);
        await using var connection = await connections.OpenAsync(cancellationToken);
        foreach (var chunk in accountIds.Chunk(BatchInsert.ListChunk(connections.Provider)))
        {
            var rows = await connection.QueryAsync<(string AccountId, long At)>(
                $"""
                SELECT account_id, scheduled_at FROM pushes
                WHERE agency_id = @agencyId AND {Common.SqlLists.OneOf(connections.Provider, "account_id", "ids")}
                  AND scheduled_at >= @from AND status IN {PushSql.Words([PushStatus.Scheduled, PushStatus.Publishing, PushStatus.Published])}
                """, new { agencyId, ids = chunk, from });
            foreach (var (accountId, at) in rows)
            {
                (taken.TryGetValue(accountId, out var list) ? list : taken[accountId] = []).Add(DateTimeOffset.FromUnixTimeMilliseconds(at));
            }
        }
        return taken.ToDictionary(t => t.Key, t => (IReadOnlyList<DateTimeOffset>)t.Value);
    }
}
