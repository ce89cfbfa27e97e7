using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Campaigns.Storage;

/// <summary>Opens connections to the configured database.</summary>
public sealed class DbConnectionFactory(StorageSettings settings)
{
    public StorageSettings Settings => settings;

    public DbConnection Create() => settings.Provider == StorageProvider.Sqlite
        ? new SqliteConnection(settings.ConnectionString)
        : new NpgsqlConnection(settings.ConnectionString);

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = Create();
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
