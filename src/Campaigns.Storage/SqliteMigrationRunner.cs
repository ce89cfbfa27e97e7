using DbUp;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Campaigns.Storage;

/// <summary>Prepares a SQLite database file (directory, WAL) and runs the SQLite scripts under a file lock.</summary>
internal static class SqliteMigrationRunner
{
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LockRetryDelay = TimeSpan.FromMilliseconds(50);

    internal static void Run(string connectionString, ILogger? logger, Func<string, bool>? include = null)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (ConnectionStrings.IsSqliteInMemory(builder))
        {
            // Nothing to share with another process: no directory, no lock, WAL does not apply.
            Migrate(connectionString, logger, include);
            return;
        }

        var databasePath = Path.GetFullPath(builder.DataSource);
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);

        // DbUp checks its journal and then runs scripts on separate statements, so two processes starting
        // together could both decide a script is pending. An exclusive lock on a file beside the database
        // (flock on Linux, also between threads of one process) serialises the whole check-and-run.
        using (AcquireLock(databasePath + ".migration.lock"))
        {
            EnableWriteAheadLog(connectionString);
            Migrate(connectionString, logger, include);
        }
    }

    private static void Migrate(string connectionString, ILogger? logger, Func<string, bool>? include)
    {
        var engine = MigrationScripts.Build(
            DeployChanges.To.SqliteDatabase(connectionString), StorageProvider.Sqlite, logger, include);
        MigrationScripts.Perform(engine, StorageProvider.Sqlite);
    }

    /// <summary>
    /// WAL lets readers proceed during a write and roughly triples grain writes per second here. The mode
    /// is stored in the database file, so setting it once covers every later connection.
    /// </summary>
    private static void EnableWriteAheadLog(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite refused WAL journal mode (got '{mode}').");
        }
    }

    private static FileStream AcquireLock(string lockPath)
    {
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                // The file is never deleted: removing it while another process waits on it would let two
                // processes lock two different files.
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(LockRetryDelay);
            }
        }
    }
}
