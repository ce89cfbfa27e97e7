using Campaigns.Storage;
using Dapper;

namespace Campaigns.Grains.Tests.Support;

/// <summary>Reads the accounts read model straight from the database, to check what the grains projected.</summary>
internal static class ReadModel
{
    public static async Task<StoredAccount?> FindAsync(StorageSettings settings, string agencyId, string id)
    {
        await using var connection = await new DbConnectionFactory(settings).OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<StoredAccount>(
            """
            SELECT id AS Id, platform AS Platform, handle_key AS HandleKey, brand AS Brand, kind AS Kind, status AS Status,
                   followers AS Followers, version AS Version, created_at AS CreatedAt, updated_at AS UpdatedAt, document AS Document
            FROM accounts WHERE agency_id = @agencyId AND id = @id
            """,
            new { agencyId, id });
    }

    public static async Task<Dictionary<string, double>> TagsAsync(StorageSettings settings, string agencyId, string id)
    {
        await using var connection = await new DbConnectionFactory(settings).OpenAsync();
        var rows = await connection.QueryAsync<(string Tag, double Weight)>(
            "SELECT tag, weight FROM account_tags WHERE agency_id = @agencyId AND account_id = @id",
            new { agencyId, id });
        return rows.ToDictionary(r => r.Tag, r => r.Weight);
    }

    public static async Task<List<string>> IdsHoldingAsync(StorageSettings settings, string agencyId, string platform, string handleKey)
    {
        await using var connection = await new DbConnectionFactory(settings).OpenAsync();
        var ids = await connection.QueryAsync<string>(
            "SELECT id FROM accounts WHERE agency_id = @agencyId AND platform = @platform AND handle_key = @handleKey",
            new { agencyId, platform, handleKey });
        return ids.ToList();
    }

    public static async Task<long> CountAsync(StorageSettings settings, string agencyId)
    {
        await using var connection = await new DbConnectionFactory(settings).OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM accounts WHERE agency_id = @agencyId", new { agencyId });
    }
}

/// <summary>One row of the accounts table.</summary>
internal sealed class StoredAccount
{
    public string Id { get; init; } = "";
    public string Platform { get; init; } = "";
    public string HandleKey { get; init; } = "";
    public string? Brand { get; init; }
    public string Kind { get; init; } = "";
    public string Status { get; init; } = "";
    public long Followers { get; init; }
    public long Version { get; init; }
    public long CreatedAt { get; init; }
    public long UpdatedAt { get; init; }
    public string Document { get; init; } = "";
}
