using Campaigns.Testing;
using Dapper;
using Npgsql;

namespace Campaigns.Storage.Tests;

/// <summary>
/// The start-up lock (<see cref="DatabaseLock"/>, Quartz's schema provisioning) is a session advisory lock: releasing it
/// must free it for every other session at once, not when the pool next hands out the connection that held it.
/// </summary>
[RequiresPostgres]
public sealed class PostgresDatabaseLockTests : IAsyncLifetime
{
    private const long Key = 0x54_45_53_54_4C_4F_43_4B; // "TESTLOCK"

    private readonly PostgresDatabase _database = new();

    [ProviderFact]
    public async Task Releasing_the_lock_frees_it_for_another_session_at_once()
    {
        var settings = new StorageSettings(StorageProvider.PostgreSql, _database.ConnectionString);
        await using (await DatabaseLock.AcquireAsync(settings, Key, CancellationToken.None))
        {
            Assert.False(await TryLockElsewhereAsync(), "another session took the lock while it was held");
        }

        Assert.True(await TryLockElsewhereAsync(), "the lock was still held after its release");
    }

    /// <summary>Tries the lock from a session of its own (unpooled, so it ends, and lets go of it, when closed).</summary>
    private async Task<bool> TryLockElsewhereAsync()
    {
        await using var other = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Pooling = false }.ConnectionString);
        await other.OpenAsync();
        return await other.ExecuteScalarAsync<bool>("SELECT pg_try_advisory_lock(@key)", new { key = Key });
    }

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();
}
