using Dapper;

namespace Campaigns.Storage.Tenancy;

/// <summary>Agencies and their hashed API keys.</summary>
public sealed class AgencyStore(DbConnectionFactory connections)
{
    /// <summary>Stores a new agency.</summary>
    public async Task CreateAsync(AgencyRecord agency, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO agencies (id, name, key_hash, created_at) VALUES (@Id, @Name, @KeyHash, @CreatedAt)", agency);
    }

    /// <summary>The agency whose key hashes to <paramref name="keyHash"/>, if any.</summary>
    public async Task<AgencyRecord?> FindByKeyHashAsync(string keyHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AgencyRecord>(
            "SELECT id AS Id, name AS Name, key_hash AS KeyHash, created_at AS CreatedAt FROM agencies WHERE key_hash = @keyHash",
            new { keyHash });
    }
}
