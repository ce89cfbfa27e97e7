using Microsoft.Data.Sqlite;

namespace Campaigns.Testing;

/// <summary>A SQLite database file in a fresh temporary directory, deleted on dispose.</summary>
public sealed class TempSqliteDatabase : IDisposable
{
    /// <summary>Creates the directory; the file itself appears on first use.</summary>
    /// <param name="fileName">File name inside the temporary directory.</param>
    public TempSqliteDatabase(string fileName = "campaigns.db")
    {
        Directory = Path.Combine(Path.GetTempPath(), "campaigns-test-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        FilePath = Path.Combine(Directory, fileName);
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = FilePath }.ToString();
    }

    /// <summary>The temporary directory holding the database and its WAL/lock files.</summary>
    public string Directory { get; }

    /// <summary>Full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>Microsoft.Data.Sqlite connection string to <see cref="FilePath"/>.</summary>
    public string ConnectionString { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        // Pooled connections keep the file open; release them before deleting.
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a lingering handle only leaves a file in the temp directory.
        }
    }
}
