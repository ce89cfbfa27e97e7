using Npgsql;

namespace Campaigns.Storage;

/// <summary>
/// A cluster-wide lock for start-up work (schema creation) on PostgreSQL: a session advisory lock held on a
/// dedicated connection. On SQLite there is one process per file, so the lock is a no-op.
/// </summary>
public static class DatabaseLock
{
    /// <summary>Lock key for Quartz's schema provisioning.</summary>
    public const long SchedulerSchemaKey = 0x43_41_4D_50_51_52_54_5A; // "CAMPQRTZ"

    /// <summary>Takes the lock; dispose the result to release it.</summary>
    public static async Task<IAsyncDisposable> AcquireAsync(StorageSettings settings, long key, CancellationToken cancellationToken)
    {
        if (settings.Provider != StorageProvider.PostgreSql)
        {
            return NoLock.Instance;
        }
        var connection = new NpgsqlConnection(SessionConnectionString(settings.ConnectionString));
        await connection.OpenAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        // Closing the connection ends the session, which releases a session-level advisory lock.
        return connection;
    }

    /// <summary>
    /// The connection string for a connection that holds a session advisory lock: unpooled, because closing a pooled
    /// connection keeps its session, and the lock with it, until the pool next resets that connection (minutes, on a
    /// quiet pool), while other processes wait for the lock (PostgresDatabaseLockTests). The host's pools do not reset
    /// connections at all (<c>No Reset On Close</c>, docs/operations.md), so a pooled one would keep the lock for good.
    /// </summary>
    internal static string SessionConnectionString(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
