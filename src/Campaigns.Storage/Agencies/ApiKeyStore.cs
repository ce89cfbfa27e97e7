using System.Data.Common;
using System.Text;
using Campaigns.Storage.Common;
using Dapper;

namespace Campaigns.Storage.Agencies;

/// <summary>
/// Agencies' API keys, stored as hashes. Adding and deleting a key lock the agency's row first (PostgreSQL
/// <c>FOR UPDATE</c>; SQLite transactions take the write lock when they begin), so two concurrent deletes cannot
/// both pass the "not the last key" check and two concurrent adds cannot both pass the cap.
/// </summary>
public sealed class ApiKeyStore(DbConnectionFactory connections)
{
    internal const string InsertSql =
        "INSERT INTO api_keys (agency_id, id, name, key_hash, created_at) VALUES (@AgencyId, @Id, @Name, @KeyHash, @CreatedAt)";

    private const string Columns =
        "x.agency_id AS AgencyId, x.id AS Id, x.name AS Name, x.key_hash AS KeyHash, x.created_at AS CreatedAt, x.last_used_at AS LastUsedAt";

    /// <summary>Adds a key to an existing agency holding fewer than <paramref name="maxKeys"/> keys.</summary>
    public async Task<ApiKeyChange> AddAsync(ApiKeyRecord key, int maxKeys, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await LockAgencyAsync(connection, transaction, key.AgencyId))
        {
            return ApiKeyChange.AgencyNotFound;
        }
        if (await CountAsync(connection, transaction, key.AgencyId) >= maxKeys)
        {
            return ApiKeyChange.TooManyKeys;
        }
        await connection.ExecuteAsync(InsertSql, key, transaction);
        await transaction.CommitAsync(cancellationToken);
        return ApiKeyChange.Done;
    }

    /// <summary>Deletes one of an agency's keys, unless it is the last; on success also returns the deleted key's hash.</summary>
    public async Task<(ApiKeyChange Change, string? KeyHash)> DeleteAsync(string agencyId, string keyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await LockAgencyAsync(connection, transaction, agencyId))
        {
            return (ApiKeyChange.KeyNotFound, null);
        }
        var hash = await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT key_hash FROM api_keys WHERE agency_id = @agencyId AND id = @keyId", new { agencyId, keyId }, transaction);
        if (hash is null)
        {
            return (ApiKeyChange.KeyNotFound, null);
        }
        if (await CountAsync(connection, transaction, agencyId) <= 1)
        {
            return (ApiKeyChange.LastKey, null);
        }
        await connection.ExecuteAsync("DELETE FROM api_keys WHERE agency_id = @agencyId AND id = @keyId", new { agencyId, keyId }, transaction);
        await transaction.CommitAsync(cancellationToken);
        return (ApiKeyChange.Done, hash);
    }

    /// <summary>The key with this hash, if any agency holds it.</summary>
    public async Task<ApiKeyRecord?> FindByHashAsync(string keyHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ApiKeyRecord>(
            $"SELECT {Columns} FROM api_keys x WHERE x.key_hash = @keyHash", new { keyHash });
    }

    /// <summary>Records that the key was used at <paramref name="at"/> (Unix milliseconds).</summary>
    public async Task TouchAsync(string agencyId, string keyId, long at, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE api_keys SET last_used_at = @at WHERE agency_id = @agencyId AND id = @keyId AND (last_used_at IS NULL OR last_used_at < @at)",
            new { agencyId, keyId, at });
    }

    /// <summary>A page of the agency's keys in id (creation) order.</summary>
    public async Task<(IReadOnlyList<ApiKeyRecord> Keys, bool HasMore)> ListAsync(
        string agencyId, string? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await KeysetPage.ReadRowsAsync<ApiKeyRecord>(connection, new StringBuilder($"SELECT {Columns} FROM api_keys x WHERE x.agency_id = @AgencyId"),
            new DynamicParameters(new { AgencyId = agencyId }), after, limit);
    }

    private async Task<bool> LockAgencyAsync(DbConnection connection, DbTransaction transaction, string agencyId) =>
        await connection.ExecuteScalarAsync<int?>(
            connections.Provider == StorageProvider.PostgreSql
                ? "SELECT 1 FROM agencies WHERE id = @agencyId FOR UPDATE"
                : "SELECT 1 FROM agencies WHERE id = @agencyId",
            new { agencyId }, transaction) is not null;

    private static Task<long> CountAsync(DbConnection connection, DbTransaction transaction, string agencyId) =>
        connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM api_keys WHERE agency_id = @agencyId", new { agencyId }, transaction);
}
