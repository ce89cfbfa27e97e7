namespace Campaigns.Benchmarks;

/// <summary>
/// One macro benchmark, selected by <see cref="Name"/> on the command line. To add one: implement this interface in
/// <c>Benchmarks/</c> and list it in <see cref="BenchmarkCatalog.All"/>.
/// </summary>
public interface IBenchmark
{
    /// <summary>The command-line name, lower case (e.g. <c>accounts</c>).</summary>
    string Name { get; }

    /// <summary>One line for <c>--list</c>.</summary>
    string Description { get; }

    /// <summary>Runs and records figures in <see cref="BenchContext.Report"/>. Throws if a check fails.</summary>
    Task RunAsync(BenchContext context, CancellationToken cancellationToken);
}

/// <summary>Every benchmark, in the default run order (the baseline first).</summary>
public static class BenchmarkCatalog
{
    public static IReadOnlyList<IBenchmark> All { get; } =
    [
        new Benchmarks.PgbenchBenchmark(),
        new Benchmarks.StartupBenchmark(),
        new Benchmarks.AccountsBenchmark(),
        new Benchmarks.CatalogueBenchmark(),
        new Benchmarks.MatrixBenchmark(),
        new Benchmarks.QuartzBaselineBenchmark(),
        new Benchmarks.TieInBenchmark(),
        new Benchmarks.MetricsBenchmark(),
        new Benchmarks.ReadsBenchmark(),
        new Benchmarks.PlatformBenchmark(),
        new Benchmarks.UploadMemoryBenchmark(),
    ];
}
