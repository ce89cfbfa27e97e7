using Campaigns.Benchmarks.Infrastructure;

namespace Campaigns.Benchmarks;

/// <summary>What every benchmark gets: options, paths, the PostgreSQL cluster (if any) and the report.</summary>
public sealed class BenchContext(BenchOptions options, HostBinary host, PostgresCluster? postgres, Report report)
{
    public BenchOptions Options { get; } = options;

    /// <summary>The built Release host that benchmarks spawn as a separate process.</summary>
    public HostBinary Host { get; } = host;

    /// <summary>The throwaway cluster (fsync on) provisioned by run.sh; null when none was given.</summary>
    public PostgresCluster? Postgres { get; } = postgres;

    public Report Report { get; } = report;

    /// <summary>The cluster, or a clear failure for benchmarks that need one.</summary>
    public PostgresCluster RequirePostgres(string benchmark) => Postgres ?? throw new BenchmarkFailedException(
        $"{benchmark} needs PostgreSQL: run through tests/Campaigns.Benchmarks/run.sh or set CAMPAIGNS_BENCH_PG_PORT (and CAMPAIGNS_BENCH_PG_BIN).");

    public static void Log(string message) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}

/// <summary>A benchmark whose own checks failed: its figures must not be trusted.</summary>
public sealed class BenchmarkFailedException(string message) : Exception(message);
