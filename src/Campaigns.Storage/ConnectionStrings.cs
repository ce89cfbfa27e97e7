using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Campaigns.Storage;

/// <summary>Adds the settings every connection of this application relies on.</summary>
internal static class ConnectionStrings
{
    /// <summary>How long a SQLite command waits for another writer before giving up.</summary>
    internal const int SqliteBusyTimeoutSeconds = 30;

    private static readonly string[] SqliteTimeoutKeywords = ["Default Timeout", "DefaultTimeout", "Command Timeout"];

    internal static string Normalize(StorageProvider provider, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (provider != StorageProvider.Sqlite)
        {
            return connectionString;
        }

        // Microsoft.Data.Sqlite retries SQLITE_BUSY until the command timeout expires. Keep an explicit
        // choice; otherwise pin it, so the behaviour does not depend on the library default.
        var raw = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (SqliteTimeoutKeywords.Any(raw.ContainsKey))
        {
            return connectionString;
        }

        var builder = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = SqliteBusyTimeoutSeconds };
        return builder.ToString();
    }

    /// <summary>True when the SQLite connection string names no file (in-memory or temporary database).</summary>
    internal static bool IsSqliteInMemory(SqliteConnectionStringBuilder builder) =>
        builder.Mode == SqliteOpenMode.Memory
        || string.IsNullOrEmpty(builder.DataSource)
        || builder.DataSource.Equals(":memory:", StringComparison.OrdinalIgnoreCase);
}
