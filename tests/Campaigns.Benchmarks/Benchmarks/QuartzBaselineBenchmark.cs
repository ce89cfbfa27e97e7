using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Campaigns.Benchmarks.Infrastructure;
using Microsoft.Data.Sqlite;
using Quartz;

namespace Campaigns.Benchmarks.Benchmarks;

/// <summary>
/// The design the bucketed scheduler replaced, measured on the same machine: Quartz used directly, one simple trigger
/// per push, on the same persistent store as the host (a fresh SQLite file in WAL mode, or a fresh database on the
/// throwaway PostgreSQL, clustered as the host is), <c>ProvisionSchema()</c>, the host's thread pool size (16) and
/// Quartz's default acquisition batch (1). A trivial durable job records when it ran. (a) N triggers due at one
/// instant, (b) N triggers <c>--matrix-spread-ms</c> apart. Lag = the job's start − the trigger's intended instant
/// (the intended instant, not Quartz's own scheduled fire time, which a misfire would move). Reports the time to store
/// the N triggers (one <c>ScheduleJob(job, triggers)</c> call, or one <c>ScheduleTrigger</c> per trigger with
/// <c>--quartz-schedule each</c>) and p50/p99/max lag; then the matrix benchmark's lag ÷ this lag when both ran.
/// Checks: every trigger's job ran exactly once, none early, within the deadline.
/// Options: --quartz-triggers N (10000), --matrix-spread-ms S (10), --quartz-threads (16), --quartz-batch (1),
/// --quartz-schedule bulk|each (bulk), --quartz-lead-seconds (10, after scheduling is measured: see below),
/// --quartz-deadline-seconds (300), --providers.
/// </summary>
public sealed class QuartzBaselineBenchmark : IBenchmark
{
    public const string Database = "bench_quartz";

    public static string LagKey(string provider, string scenario, string stat) => $"quartz.{provider}.{scenario}.lag.{stat}";

    public string Name => "quartz";

    public string Description => "baseline: Quartz directly, one trigger per push, 10,000 at one instant and 10,000 10 ms apart, same store";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var count = context.Options.Int("quartz-triggers", 10_000, max: 1_000_000);
        var spreadMs = context.Options.Int("matrix-spread-ms", 10, min: 0, max: 86_400_000);
        var threads = context.Options.Int("quartz-threads", 16, max: 256);
        var batch = context.Options.Int("quartz-batch", 1, max: 256);
        var mode = context.Options.String("quartz-schedule", "bulk");
        var lead = context.Options.Int("quartz-lead-seconds", 10, min: 1, max: 3600);
        var deadline = context.Options.Int("quartz-deadline-seconds", 300, min: 10, max: 7200);
        if (mode is not ("bulk" or "each"))
        {
            throw new ArgumentException("--quartz-schedule must be bulk or each");
        }
        if (batch > threads)
        {
            throw new ArgumentException("--quartz-batch must not exceed --quartz-threads (Quartz requires it)");
        }
        foreach (var provider in ProviderHost.Providers(context))
        {
            await RunProvider(context, provider, count, spreadMs, threads, batch, mode, lead, deadline, cancellationToken);
        }
        foreach (var provider in new[] { "sqlite", "postgresql" })
        {
            foreach (var scenario in new[] { "burst", "spread" })
            {
                foreach (var stat in new[] { "p50", "p99" })
                {
                    context.Report.Ratio($"matrix ÷ per-trigger Quartz, lag {stat}, {scenario}, {(provider == "sqlite" ? "SQLite" : "PostgreSQL")}",
                        MatrixBenchmark.LagKey(provider, scenario, stat), LagKey(provider, scenario, stat),
                        notes: "< 1: the bucketed design fires sooner than one trigger per push");
                }
            }
        }
    }

    private async Task RunProvider(BenchContext context, string provider, int count, int spreadMs, int threads, int batch, string mode, int lead, int deadline, CancellationToken cancellationToken)
    {
        var label = provider == "sqlite" ? "SQLite" : "PostgreSQL";
        var workDir = Directory.CreateTempSubdirectory($"campaigns-bench-quartz-{provider}.");
        string connectionString;
        if (provider == "sqlite")
        {
            var file = Path.Combine(workDir.FullName, "quartz.db");
            connectionString = new SqliteConnectionStringBuilder { DataSource = file, DefaultTimeout = 30 }.ToString();
            await using var connection = new SqliteConnection(connectionString + ";Pooling=false");
            await connection.OpenAsync(cancellationToken);
            await using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode=WAL;"; // as the host's migration runner sets it
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }
        else if (provider == "postgresql")
        {
            var pg = context.RequirePostgres($"{Name} on PostgreSQL");
            await pg.CreateFreshDatabaseAsync(Database, cancellationToken);
            connectionString = pg.ConnectionString(Database);
        }
        else
        {
            throw new ArgumentException($"--providers: unknown provider '{provider}' (sqlite, postgresql)");
        }

        var scheduler = await QuartzSchedulerBuilder.Create(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "bench-per-push";
                o.GenerateInstanceId = true;
                o.IdleWaitTime = TimeSpan.FromSeconds(5);
                o.MaxBatchSize = batch;
            });
            q.UseDefaultThreadPool(pool => pool.MaxConcurrency = threads);
            q.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                if (provider == "sqlite")
                {
                    store.UseSqlite(connectionString);
                }
                else
                {
                    store.UsePostgres(connectionString);
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(10);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(20);
                    });
                }
                store.ProvisionSchema();
            });
        }).BuildScheduler(cancellationToken);
        try
        {
            await scheduler.Start(cancellationToken);
            var job = JobBuilder.Create<RecordLagJob>().WithIdentity("record", "bench").StoreDurably().Build();
            await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);

            foreach (var (scenario, spacing) in new[] { ("burst", 0), ("spread", spreadMs) })
            {
                var result = await RunScenarioAsync(scheduler, job, scenario, count, spacing, mode, lead, deadline, cancellationToken);
                var lags = result.Lags;
                context.Report.Add(Name, $"schedule {count:N0} triggers, {scenario}, {label}", result.Schedule.TotalMilliseconds, "ms",
                    mode == "bulk" ? "one ScheduleJob(job, triggers) call" : "one ScheduleTrigger call per trigger, sequential", format: "N0");
                var spread = spacing == 0 ? "all due at one instant" : $"{spacing} ms apart over {(count - 1) * spacing / 1000.0:0.0} s";
                context.Report.Add(Name, $"firing lag p50, {scenario}, {label}", Stats.Percentile(lags, 50), "ms",
                    $"{count:N0} triggers {spread}; {threads} threads, batch {batch}", key: LagKey(provider, scenario, "p50"), format: "N0");
                context.Report.Add(Name, $"firing lag p99, {scenario}, {label}", Stats.Percentile(lags, 99), "ms",
                    $"job start − intended instant; every trigger ran exactly once", key: LagKey(provider, scenario, "p99"), format: "N0");
                context.Report.Add(Name, $"firing lag max, {scenario}, {label}", lags.Max(), "ms",
                    $"{count / result.Drain.TotalSeconds:N0} triggers/s from the first instant to the last run", key: LagKey(provider, scenario, "max"), format: "N0");
            }
        }
        finally
        {
            await scheduler.Shutdown(waitForJobsToComplete: true, CancellationToken.None);
            RecordLagJob.Reset();
            try
            {
                workDir.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Left behind in the temp directory.
            }
        }
    }

    private sealed record ScenarioResult(TimeSpan Schedule, double[] Lags, TimeSpan Drain);

    private static async Task<ScenarioResult> RunScenarioAsync(
        IScheduler scheduler, IJobDetail job, string scenario, int count, int spacingMs, string mode, int lead, int deadline, CancellationToken cancellationToken)
    {
        RecordLagJob.Reset();
        // The first instant must come after the triggers are stored: first time a probe of up to 500 triggers far in
        // the future (removed again), then place the first instant at twice the extrapolated store time + lead.
        var probeCount = Math.Min(count, 500);
        var probe = Build(job, $"probe-{scenario}", probeCount, DateTimeOffset.UtcNow.AddDays(1), spacingMs);
        var probeTime = await StoreAsync(scheduler, job, probe, mode, cancellationToken);
        await scheduler.UnscheduleJobs(probe.Select(t => t.Key).ToList(), cancellationToken);

        var start = DateTimeOffset.UtcNow + probeTime * (2.0 * count / probeCount) + TimeSpan.FromSeconds(lead);
        start = DateTimeOffset.FromUnixTimeMilliseconds(start.ToUnixTimeMilliseconds() / 1000 * 1000 + 1000);
        RecordLagJob.Begin(scenario, start, spacingMs);
        var triggers = Build(job, scenario, count, start, spacingMs);
        var scheduleTime = await StoreAsync(scheduler, job, triggers, mode, cancellationToken);
        if (DateTimeOffset.UtcNow > start)
        {
            throw new BenchmarkFailedException($"{scenario}: storing the triggers took {scheduleTime.TotalSeconds:0.0} s and ended after the first instant; raise --quartz-lead-seconds");
        }
        BenchContext.Log($"quartz/{scenario}: stored {count} triggers in {scheduleTime.TotalMilliseconds:N0} ms (probe of {probeCount}: {probeTime.TotalMilliseconds:N0} ms); first instant in {(start - DateTimeOffset.UtcNow).TotalSeconds:0.0} s");

        var last = start.AddMilliseconds((double)(count - 1) * spacingMs);
        var until = last.AddSeconds(deadline);
        while (RecordLagJob.Count < count && DateTimeOffset.UtcNow < until)
        {
            await Task.Delay(250, cancellationToken);
        }
        var (lags, duplicates, unknown, lastRun) = RecordLagJob.Results(count);
        var missing = lags.Count(double.IsNaN);
        if (missing > 0 || duplicates > 0 || unknown > 0)
        {
            throw new BenchmarkFailedException($"{scenario}: {count - missing} of {count} triggers ran by the deadline ({deadline} s after the last instant), "
                + $"{duplicates} ran more than once, {unknown} unknown; raise --quartz-deadline-seconds if it was only slow");
        }
        if (lags.Min() < -50)
        {
            throw new BenchmarkFailedException($"{scenario}: a trigger ran {-lags.Min():0} ms before its instant");
        }
        return new ScenarioResult(scheduleTime, lags, lastRun - start);
    }

    private static List<ITrigger> Build(IJobDetail job, string prefix, int count, DateTimeOffset start, int spacingMs) =>
        Enumerable.Range(0, count).Select(i => TriggerBuilder.Create()
            .WithIdentity($"{prefix}-{i}", "pushes")
            .ForJob(job.Key)
            .StartAt(start.AddMilliseconds((double)i * spacingMs))
            .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build()).ToList();

    private static async Task<TimeSpan> StoreAsync(IScheduler scheduler, IJobDetail job, List<ITrigger> triggers, string mode, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        if (mode == "bulk")
        {
            await scheduler.ScheduleJob(job, triggers, ScheduleJobOptions.Replacing, cancellationToken);
        }
        else
        {
            foreach (var trigger in triggers)
            {
                await scheduler.ScheduleTrigger(trigger, TriggerConflict.Keep, cancellationToken);
            }
        }
        return clock.Elapsed;
    }
}

/// <summary>The trivial per-push job: records when it ran, by trigger name (<c>{scenario}-{index}</c>).</summary>
public sealed class RecordLagJob : IJob
{
    private static ConcurrentDictionary<string, long> ran = new(StringComparer.Ordinal);
    private static int duplicates;
    private static int unknown;
    private static string scenario = "";
    private static long startMs;
    private static int spacingMs;

    public static int Count => ran.Count;

    public static void Reset()
    {
        ran = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        duplicates = 0;
        unknown = 0;
    }

    public static void Begin(string name, DateTimeOffset start, int spacing)
    {
        scenario = name;
        startMs = start.ToUnixTimeMilliseconds();
        spacingMs = spacing;
    }

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var name = context.Trigger.Key.Name;
        if (!name.StartsWith(scenario + "-", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref unknown);
        }
        else if (!ran.TryAdd(name, now))
        {
            Interlocked.Increment(ref duplicates);
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Lag in ms per index (NaN when it never ran), duplicate and unknown runs, and the last run.</summary>
    public static (double[] Lags, int Duplicates, int Unknown, DateTimeOffset LastRun) Results(int count)
    {
        var lags = Enumerable.Repeat(double.NaN, count).ToArray();
        long lastRun = 0;
        foreach (var (name, at) in ran)
        {
            var index = int.Parse(name[(scenario.Length + 1)..], CultureInfo.InvariantCulture);
            lags[index] = at - (startMs + (long)index * spacingMs);
            lastRun = Math.Max(lastRun, at);
        }
        return (lags, duplicates, unknown, DateTimeOffset.FromUnixTimeMilliseconds(lastRun));
    }
}
