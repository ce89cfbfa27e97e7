using Campaigns.Storage;
using Dapper;

namespace Campaigns.Grains.Tests.Support;

/// <summary>Reads and changes the tables grains write, straight through SQL, as a test's independent witness.</summary>
internal static class Tables
{
    public static async Task<List<StoredPush>> PushesAsync(StorageSettings settings, string agencyId, string ownerId)
    {
        await using var connection = await new DbConnectionFactory(settings).OpenAsync();
        return (await connection.QueryAsync<StoredPush>(
            "SELECT id AS Id, account_id AS AccountId, status AS Status, held AS Held, gated AS Gated, wave AS Wave, due_at AS DueAt FROM pushes WHERE agency_id = @agencyId AND campaign_id = @ownerId ORDER BY id",
            new { agencyId, ownerId })).ToList();
    }

    /// <summary>Marks a push published at <paramref name="at"/> with its latest engagement, as publishing and feedback would.</summary>
    public static async Task PublishAsync(StorageSettings settings, string agencyId, string pushId, DateTimeOffset at, long views = 0, long likes = 0)
    {
        await using var connection = await new DbConnectionFactory(settings).OpenAsync();
        var millis = at.ToUnixTimeMilliseconds();
        await connection.ExecuteAsync(
            "UPDATE pushes SET status = 'published', published_at = @millis, fired_at = @millis, metrics_at = @millis, views = @views, likes = @likes, attempts = 1 WHERE agency_id = @agencyId AND id = @pushId",
            new { agencyId, pushId, millis, views, likes });
        // And the same snapshot in the history (rules judged as engagement arrives read it).
        await connection.ExecuteAsync(
            "INSERT INTO push_metrics (agency_id, push_id, at, views, likes, comments, shares, clicks, orders, gmv, received_at) VALUES (@agencyId, @pushId, @millis, @views, @likes, 0, 0, 0, 0, 0, @millis) ON CONFLICT DO NOTHING",
            new { agencyId, pushId, millis, views, likes });
    }

    /// <summary>The lease holder of the claims <see cref="ClaimAsync"/> makes.</summary>
    public const string Holder = "127.0.0.1:11111@1";

    /// <summary>Claims a push for publishing (as the dispatcher's claim does, leased to <see cref="Holder"/>), whatever its due time.</summary>
    public static async Task<bool> ClaimAsync(StorageSettings settings, string agencyId, string pushId)
    {
        await using var connection = await new DbConnectionFactory(settings).OpenAsync();
        return await connection.ExecuteAsync(
            "UPDATE pushes SET status = 'publishing', lease_holder = @Holder, lease_expires_at = 0 WHERE agency_id = @agencyId AND id = @pushId AND status = 'scheduled' AND held = 0 AND gated = 0",
            new { agencyId, pushId, Holder }) == 1;
    }

    public static async Task<string?> CampaignRowStatusAsync(StorageSettings settings, string agencyId, string campaignId)
    {
        await using var connection = await new DbConnectionFactory(settings).OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT status FROM campaigns WHERE agency_id = @agencyId AND id = @campaignId", new { agencyId, campaignId });
    }

    public static async Task<List<string>> TimelineAsync(StorageSettings settings, string agencyId, string campaignId)
    {
        await using var connection = await new DbConnectionFactory(settings).OpenAsync();
        return (await connection.QueryAsync<string>(
            "SELECT type FROM campaign_events WHERE agency_id = @agencyId AND campaign_id = @campaignId ORDER BY id", new { agencyId, campaignId })).ToList();
    }

    public static async Task<long> ScalarAsync(StorageSettings settings, string sql, object? args = null)
    {
        await using var connection = await new DbConnectionFactory(settings).OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }

    public static async Task ExecuteAsync(StorageSettings settings, string sql, object? args = null)
    {
        await using var connection = await new DbConnectionFactory(settings).OpenAsync();
        await connection.ExecuteAsync(sql, args);
    }
}

/// <summary>One row of the pushes table, as far as these tests look.</summary>
internal sealed class StoredPush
{
    public string Id { get; init; } = "";
    public string AccountId { get; init; } = "";
    public string Status { get; init; } = "";
    public long Held { get; init; }
    public long Gated { get; init; }
    public long Wave { get; init; }
    public long DueAt { get; init; }
}
