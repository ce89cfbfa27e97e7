using Dapper;

namespace Campaigns.Storage.Agencies;

/// <summary>Agencies (tenants).</summary>
public sealed class AgencyStore(DbConnectionFactory connections)
{
    /// <summary>Stores a new agency together with its first API key, in one transaction.</summary>
    public async Task CreateAsync(AgencyRecord agency, ApiKeyRecord firstKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO agencies (id, name, created_at) VALUES (@Id, @Name, @CreatedAt)", agency, transaction);
        await connection.ExecuteAsync(ApiKeyStore.InsertSql, firstKey, transaction);
        await transaction.CommitAsync(cancellationToken);
    }
}
