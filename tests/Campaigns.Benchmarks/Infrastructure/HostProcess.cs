using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Campaigns.Benchmarks.Infrastructure;

/// <summary>
/// The Release host run as a separate process (<c>dotnet Campaigns.Host.dll --urls http://127.0.0.1:port</c>) on
/// free loopback ports, its output kept in a log file. Stopped with SIGTERM (graceful), killed only if that hangs.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly Process process;
    private readonly StreamWriter log;
    private readonly Stopwatch sinceStart;

    public Uri BaseAddress { get; }

    public string LogPath { get; }

    /// <summary>CPU time (user + system) the host process has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>The host's resident set size (VmRSS of /proc/{pid}/status), in bytes.</summary>
    public long ResidentBytes
    {
        get
        {
            var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
    }

    private HostProcess(Process process, StreamWriter log, string logPath, Stopwatch sinceStart, Uri baseAddress)
    {
        this.process = process;
        this.log = log;
        this.sinceStart = sinceStart;
        LogPath = logPath;
        BaseAddress = baseAddress;
    }

    /// <summary>
    /// Starts the host with <paramref name="environment"/> (e.g. <c>Campaigns__DataDirectory</c>); the clock runs
    /// from just before the process is created. <paramref name="workDir"/> is its cwd and holds the log.
    /// </summary>
    public static HostProcess Start(HostBinary host, string workDir, IReadOnlyDictionary<string, string> environment, string logName = "host")
    {
        Directory.CreateDirectory(workDir);
        var httpPort = Ports.Free();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(host.DllPath);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{httpPort}");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";
        // Benchmarks measure what the system can do, not the per-agency rate limit.
        info.Environment["Campaigns__RateLimit__PermitsPerSecond"] = "0";
        info.Environment["Campaigns__Cluster__SiloPort"] = Ports.Free().ToString();
        // Silos of a benchmark cluster reach each other on loopback, like deploy/local-cluster.sh.
        info.Environment["Campaigns__Cluster__AdvertisedIP"] = "127.0.0.1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var logPath = Path.Combine(workDir, logName + ".log");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var clock = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new BenchmarkFailedException("dotnet did not start");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new HostProcess(process, log, logPath, clock, new Uri($"http://127.0.0.1:{httpPort}/"));
    }

    /// <summary>Polls <c>GET /health/ready</c> until 200; returns the time since the process was started.</summary>
    public async Task<TimeSpan> WaitReadyAsync(CancellationToken cancellationToken)
    {
        using var probe = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(5),
        };
        while (sinceStart.Elapsed < ReadyTimeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new BenchmarkFailedException($"the host exited with code {process.ExitCode} before it was ready:\n{Tail()}");
            }
            try
            {
                using var response = await probe.GetAsync("health/ready", cancellationToken);
                if (response.StatusCode == System.Net.HttpStatusCode.OK)
                {
                    return sinceStart.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One probe timed out; try again.
            }
            await Task.Delay(20, cancellationToken);
        }
        throw new BenchmarkFailedException($"the host was not ready within {ReadyTimeout.TotalSeconds:0} s:\n{Tail()}");
    }

    /// <summary>SIGTERM and wait for a graceful exit; SIGKILL after the timeout. Returns the stop duration.</summary>
    public async Task<TimeSpan> StopAsync()
    {
        var clock = Stopwatch.StartNew();
        if (process.HasExited)
        {
            return TimeSpan.Zero;
        }
        if (OperatingSystem.IsWindows() || Kill(process.Id, SigTerm) != 0)
        {
            process.Kill(entireProcessTree: true);
        }
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            BenchContext.Log($"host {process.Id} ignored SIGTERM for {StopTimeout.TotalSeconds:0} s; killing it (log: {LogPath})");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
        return clock.Elapsed;
    }

    public string Tail(int lines = 40)
    {
        log.Flush();
        try
        {
            using var reader = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var text = new StreamReader(reader);
            var all = text.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process.Dispose();
        lock (log)
        {
            log.Dispose();
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            if (log.BaseStream.CanWrite)
            {
                // Stamped on arrival (UTC), so the log lines up with the benchmark's own timestamps.
                log.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
            }
        }
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
