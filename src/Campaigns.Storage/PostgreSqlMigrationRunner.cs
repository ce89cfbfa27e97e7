using DbUp;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Campaigns.Storage;

/// <summary>Runs the PostgreSQL scripts while holding a database-wide advisory lock.</summary>
internal static class PostgreSqlMigrationRunner
{
    /// <summary>
    /// Fixed advisory-lock key shared by every process that migrates this schema ("CampMigr" in ASCII).
    /// Advisory locks are scoped to one database, so other databases on the server are not blocked.
    /// </summary>
    internal const long AdvisoryLockKey = 0x43616D704D696772;

    /// <summary>How long a process waits for another one to finish migrating.</summary>
    private const int LockWaitSeconds = 600;

    internal static void Run(string connectionString, ILogger? logger, Func<string, bool>? include = null)
    {
        // The lock is a session lock on a dedicated connection: DbUp opens connections of its own, and the
        // lock must span its whole run (a transaction-scoped lock would end with DbUp's first commit).
        // Unpooled (as every session lock here), so closing the connection really ends the session and so frees
        // the lock even if the unlock below is never reached.
        using var lockConnection = new NpgsqlConnection(DatabaseLock.SessionConnectionString(connectionString));
        lockConnection.Open();
        Execute(lockConnection, "SELECT pg_advisory_lock(@key)");
        try
        {
            var engine = MigrationScripts.Build(
                DeployChanges.To.PostgresqlDatabase(connectionString), StorageProvider.PostgreSql, logger, include);
            MigrationScripts.Perform(engine, StorageProvider.PostgreSql);
        }
        finally
        {
            Execute(lockConnection, "SELECT pg_advisory_unlock(@key)");
        }
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = LockWaitSeconds };
        command.Parameters.AddWithValue("key", AdvisoryLockKey);
        command.ExecuteScalar();
    }
}
