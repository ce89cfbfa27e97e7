using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Campaigns.Benchmarks.Infrastructure;

/// <summary>
/// A spawned host on one storage provider (<c>sqlite</c>: a fresh data directory; <c>postgresql</c>: a fresh database
/// on the throwaway cluster), with an admin key and a way to read its database directly for cross-checks. Keeps its
/// temporary directory (and prints the log tail) when the benchmark fails, and always copies its log to
/// <c>artifacts/benchmarks/logs/{benchmark}-{provider}.log</c>, so an odd figure can be looked into afterwards.
/// </summary>
public sealed class ProviderHost : IAsyncDisposable
{
    private readonly DirectoryInfo workDir;
    private readonly string keptLog;
    private bool failed;

    public string Provider { get; }

    public string Label => Provider == "sqlite" ? "SQLite" : "PostgreSQL";

    public string AdminKey { get; }

    public HostProcess Process { get; }

    /// <summary>SQLite file or PostgreSQL connection string of the host's database.</summary>
    private readonly string connectionString;

    private ProviderHost(string provider, DirectoryInfo workDir, string adminKey, HostProcess process, string connectionString, string keptLog)
    {
        this.keptLog = keptLog;
        Provider = provider;
        this.workDir = workDir;
        AdminKey = adminKey;
        Process = process;
        this.connectionString = connectionString;
    }

    /// <summary>The providers named by <c>--providers</c> (default sqlite,postgresql).</summary>
    public static string[] Providers(BenchContext context) => context.Options.String("providers", "sqlite,postgresql")
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(p => p.ToLowerInvariant()).ToArray();

    public static async Task<ProviderHost> StartAsync(
        BenchContext context, string benchmark, string provider, string database, IReadOnlyDictionary<string, string>? extra, CancellationToken cancellationToken)
    {
        var adminKey = "adm_bench_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var workDir = Directory.CreateTempSubdirectory($"campaigns-bench-{benchmark}-{provider}.");
        var dataDir = Path.Combine(workDir.FullName, "data");
        var environment = new Dictionary<string, string>
        {
            ["Campaigns__DataDirectory"] = dataDir,
            ["Campaigns__AdminKey"] = adminKey,
        };
        string connection;
        switch (provider)
        {
            case "sqlite":
                connection = new SqliteConnectionStringBuilder
                {
                    DataSource = Path.Combine(dataDir, "campaigns.db"),
                    Mode = SqliteOpenMode.ReadOnly,
                    Pooling = false,
                }.ConnectionString;
                break;
            case "postgresql":
                var pg = context.RequirePostgres($"{benchmark} on PostgreSQL");
                await pg.CreateFreshDatabaseAsync(database, cancellationToken);
                environment["Campaigns__Storage__Provider"] = "PostgreSql";
                environment["ConnectionStrings__Campaigns"] = pg.ConnectionString(database);
                connection = pg.ConnectionString(database) + ";Pooling=false";
                break;
            default:
                throw new ArgumentException($"--providers: unknown provider '{provider}' (sqlite, postgresql)");
        }
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
        var host = HostProcess.Start(context.Host, workDir.FullName, environment, "host");
        var keptLog = Path.Combine(context.Host.RepoRoot, "artifacts", "benchmarks", "logs", $"{benchmark}-{provider}.log");
        var running = new ProviderHost(provider, workDir, adminKey, host, connection, keptLog);
        try
        {
            await host.WaitReadyAsync(cancellationToken);
        }
        catch
        {
            running.Failed();
            await running.DisposeAsync();
            throw;
        }
        return running;
    }

    /// <summary>Marks the run failed: the directory and log are kept and the log's tail printed on dispose.</summary>
    public void Failed() => failed = true;

    /// <summary>Opens the host's database directly (read-only on SQLite) for a cross-check query.</summary>
    public async Task<DbConnection> OpenDatabaseAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = Provider == "sqlite" ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (failed)
        {
            BenchContext.Log($"host log kept at {Process.LogPath}; last lines:\n{Process.Tail()}");
        }
        await Process.DisposeAsync();
        Directory.CreateDirectory(Path.GetDirectoryName(keptLog)!);
        File.Copy(Process.LogPath, keptLog, overwrite: true);
        if (!failed)
        {
            try
            {
                workDir.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A file still held open; the temp directory is left behind.
            }
        }
    }
}
