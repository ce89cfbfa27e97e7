using Npgsql;

namespace Campaigns.Benchmarks.Infrastructure;

/// <summary>
/// The throwaway PostgreSQL cluster run.sh provisions (fsync on), given by CAMPAIGNS_BENCH_PG_PORT and
/// CAMPAIGNS_BENCH_PG_BIN (the directory holding pgbench). Loopback only, user postgres, trust auth.
/// </summary>
public sealed record PostgresCluster(int Port, string BinDirectory, string Version)
{
    public const string Host = "127.0.0.1", User = "postgres";

    public static PostgresCluster? FromEnvironment()
    {
        var port = Environment.GetEnvironmentVariable("CAMPAIGNS_BENCH_PG_PORT");
        if (string.IsNullOrEmpty(port))
        {
            return null;
        }
        return new PostgresCluster(
            int.Parse(port),
            Environment.GetEnvironmentVariable("CAMPAIGNS_BENCH_PG_BIN") ?? "",
            Environment.GetEnvironmentVariable("CAMPAIGNS_BENCH_PG_VERSION") ?? "PostgreSQL");
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = Host, Port = Port, Username = User, Database = database }.ConnectionString;

    /// <summary>Drops and creates <paramref name="database"/>, so each benchmark starts from an empty one.</summary>
    public async Task CreateFreshDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", $"CREATE DATABASE \"{database}\"" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>A setting as the server reports it, e.g. <c>fsync</c>.</summary>
    public async Task<string> ShowAsync(string setting, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SHOW {setting}", connection);
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public string Tool(string name)
    {
        var path = Path.Combine(BinDirectory, name);
        return File.Exists(path) ? path : name;
    }
}
