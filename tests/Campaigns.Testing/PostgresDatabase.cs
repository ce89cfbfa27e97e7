using Npgsql;

namespace Campaigns.Testing;

/// <summary>
/// A fresh, uniquely named PostgreSQL database, dropped on dispose. Usable as an xunit class fixture:
/// when PostgreSQL is not configured (and not required) it stays empty so skipped tests do not fail.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime, IAsyncDisposable
{
    private string? _connectionString;

    /// <summary>The database name, e.g. <c>campaigns_test_3f2a…</c>.</summary>
    public string Name { get; } = "campaigns_test_" + Guid.NewGuid().ToString("N");

    /// <summary>Connection string to the fresh database.</summary>
    public string ConnectionString => _connectionString
        ?? throw new InvalidOperationException(
            $"No PostgreSQL database: set {PostgresTestEnvironment.ConnectionStringVariable} (see {nameof(PostgresFactAttribute)}).");

    /// <summary>Creates and initialises a database in one call, for use outside fixtures.</summary>
    public static async Task<PostgresDatabase> CreateAsync()
    {
        var database = new PostgresDatabase();
        await database.InitializeAsync();
        return database;
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var server = PostgresTestEnvironment.ServerConnectionString;
        if (server is null)
        {
            if (PostgresTestEnvironment.IsRequired)
            {
                throw new InvalidOperationException(
                    $"{PostgresTestEnvironment.RequireVariable}=1 but {PostgresTestEnvironment.ConnectionStringVariable} is not set.");
            }

            return;
        }

        // The name is generated from a GUID, so quoting it is enough; identifiers cannot be parameters.
        await ExecuteOnServerAsync(server, $"CREATE DATABASE \"{Name}\"");
        _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = Name }.ToString();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_connectionString is null)
        {
            return;
        }

        // Pooled idle connections would otherwise keep the database in use.
        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteOnServerAsync(PostgresTestEnvironment.ServerConnectionString!, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
        _connectionString = null;
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    private static async Task ExecuteOnServerAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
