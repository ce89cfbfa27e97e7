using Dapper;

namespace Campaigns.Storage.Accounts;

/// <summary>The accounts connected to a real platform, paged across every agency for the credential renewal sweep.</summary>
public sealed class ConnectedAccounts(DbConnectionFactory connections)
{
    /// <summary>
    /// Up to <paramref name="limit"/> connected accounts after (<paramref name="afterAgencyId"/>, <paramref name="afterId"/>)
    /// in key order; empty strings start from the beginning.
    /// </summary>
    public async Task<IReadOnlyList<AccountKey>> PageAsync(string afterAgencyId, string afterId, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<AccountKey>(
            """
            SELECT agency_id AS AgencyId, id AS Id FROM accounts
            WHERE credential_status = 'connected' AND (agency_id > @afterAgencyId OR (agency_id = @afterAgencyId AND id > @afterId))
            ORDER BY agency_id, id LIMIT @limit
            """, new { afterAgencyId, afterId, limit })).ToList();
    }
}

/// <summary>An account's key.</summary>
public sealed record AccountKey(string AgencyId, string Id);
