using Npgsql;

namespace Campaigns.Benchmarks.Infrastructure;

/// <summary>
/// The throwaway PostgreSQL cluster run.sh provisions (fsync on), given by CAMPAIGNS_BENCH_PG_PORT and
/// CAMPAIGNS_BENCH_PG_BIN (the directory holding pgbench). Loopback only, user postgres, trust auth.
/// </summary>
public sealed record PostgresCluster(int Port, string BinDirectory, string Version, string? DataDirectory = null)
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
            Environment.GetEnvironmentVariable("CAMPAIGNS_BENCH_PG_VERSION") ?? "PostgreSQL",
            Environment.GetEnvironmentVariable("CAMPAIGNS_BENCH_PG_DATA"));
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

    /// <summary>
    /// CPU time the whole cluster has used so far: the postmaster's own and its reaped children's (cutime, cstime from
    /// /proc) plus its live children's (backends, walwriter, checkpointer…). Null when the data directory is unknown
    /// or this is not Linux. Differences of two readings are what PostgreSQL spent in between.
    /// </summary>
    public TimeSpan? CpuTime()
    {
        var pidFile = DataDirectory is null ? null : Path.Combine(DataDirectory, "postmaster.pid");
        if (pidFile is null || !File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First(), out var postmaster))
        {
            return null;
        }
        var ticks = 0L;
        foreach (var stat in Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "stat")))
        {
            if (ProcStat(stat) is not { } fields)
            {
                continue;
            }
            // After "pid (comm)": [1] ppid … [11] utime [12] stime [13] cutime [14] cstime.
            if (fields.Pid == postmaster)
            {
                ticks += fields.Fields[11] + fields.Fields[12] + fields.Fields[13] + fields.Fields[14];
            }
            else if (fields.Fields[1] == postmaster)
            {
                ticks += fields.Fields[11] + fields.Fields[12];
            }
        }
        var perSecond = int.TryParse(Environment.GetEnvironmentVariable("CAMPAIGNS_BENCH_CLK_TCK"), out var tck) ? tck : 100;
        return TimeSpan.FromSeconds((double)ticks / perSecond);
    }

    private static (int Pid, long[] Fields)? ProcStat(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null; // the process ended meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        var close = text.LastIndexOf(')');
        if (close < 0 || !int.TryParse(text.AsSpan(0, text.IndexOf(' ')), out var pid))
        {
            return null;
        }
        var rest = text[(close + 2)..].Split(' ');
        var numbers = new long[15];
        for (var i = 1; i < numbers.Length && i < rest.Length; i++)
        {
            long.TryParse(rest[i], out numbers[i]);
        }
        return (pid, numbers);
    }
}
