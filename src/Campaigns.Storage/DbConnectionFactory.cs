using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Campaigns.Storage;

/// <summary>Creates ADO.NET connections to the configured database.</summary>
public sealed class DbConnectionFactory
{
    /// <summary>Creates a factory for <paramref name="provider"/> and <paramref name="connectionString"/>.</summary>
    /// <param name="provider">The database engine.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite or Npgsql connection string.</param>
    public DbConnectionFactory(StorageProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = ConnectionStrings.Normalize(provider, connectionString);
    }

    /// <summary>Creates a factory from <paramref name="settings"/>.</summary>
    /// <param name="settings">The database to connect to.</param>
    public DbConnectionFactory(StorageSettings settings)
        : this((settings ?? throw new ArgumentNullException(nameof(settings))).Provider, settings.ConnectionString)
    {
    }

    /// <summary>The database engine.</summary>
    public StorageProvider Provider { get; }

    /// <summary>The connection string used for every connection (see <see cref="StorageSettings.EffectiveConnectionString"/>).</summary>
    public string ConnectionString { get; }

    /// <summary>Creates a closed connection. The caller opens and disposes it.</summary>
    /// <returns>A <see cref="SqliteConnection"/> or an <see cref="NpgsqlConnection"/>.</returns>
    public DbConnection Create() => Provider switch
    {
        StorageProvider.Sqlite => new SqliteConnection(ConnectionString),
        StorageProvider.PostgreSql => new NpgsqlConnection(ConnectionString),
        _ => throw new InvalidOperationException($"Unknown storage provider {Provider}."),
    };

    /// <summary>Creates and opens a connection. The caller disposes it.</summary>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>An open connection; on SQLite with a busy timeout set.</returns>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = Create();
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (connection is SqliteConnection sqlite)
            {
                // Also make SQLite itself wait for locks (e.g. during BEGIN or checkpoints), not only the
                // retry loop Microsoft.Data.Sqlite runs around commands.
                await using var command = sqlite.CreateCommand();
                command.CommandText = $"PRAGMA busy_timeout = {sqlite.DefaultTimeout * 1000};";
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
