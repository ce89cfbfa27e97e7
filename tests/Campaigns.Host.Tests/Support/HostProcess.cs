using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Campaigns.Host.Tests.Support;

/// <summary>
/// The real host as a separate OS process (<c>dotnet Campaigns.Host.dll</c>, built beside the tests because this
/// project references it), so that a test can kill it the hard way: no graceful shutdown, no flushing, no goodbyes.
/// Configured through environment variables like an operator would; output is kept for failure messages.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, Uri address, int siloPort)
    {
        _process = process;
        Address = address;
        SiloPort = siloPort;
    }

    public Uri Address { get; }

    /// <summary>The silo port, which (with the generation) names this process as a lease holder.</summary>
    public int SiloPort { get; }

    /// <summary>What the process wrote so far (stdout and stderr, interleaved).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts a host on the SQLite data directory and waits until it answers ready. Settings win over the defaults
    /// (<c>Campaigns:Storage:Provider</c> and <c>ConnectionStrings:Campaigns</c> make it a PostgreSQL silo).
    /// </summary>
    public static async Task<HostProcess> StartAsync(string dataDirectory, string adminKey, IReadOnlyDictionary<string, string> settings)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "Campaigns.Host.dll");
        var address = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { hostDll, "--urls", address.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Campaigns__DataDirectory"] = dataDirectory;
        start.Environment["Campaigns__Storage__Provider"] = "Sqlite";
        start.Environment["Campaigns__AdminKey"] = adminKey;
        var siloPort = FreePorts.Next();
        start.Environment["Campaigns__Cluster__SiloPort"] = siloPort.ToString();
        start.Environment["Campaigns__Cluster__AdvertisedIP"] = "127.0.0.1";
        start.Environment["Campaigns__Outbound__AllowPrivateAddresses"] = "true"; // test publishers listen on 127.0.0.1
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__")] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var host = new HostProcess(process, address, siloPort);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilReadyAsync();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    /// <summary>A client for this host, authenticated with <paramref name="key"/> when given.</summary>
    public ApiClient Client(string? key)
    {
        var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return new ApiClient(http);
    }

    /// <summary>SIGKILL to the host and everything it started; returns once the process is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + ReadyWithin;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode}:\n{Output}");
            }
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening, but not answering yet.
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The host was not ready within {ReadyWithin}:\n{Output}");
            }
            await Task.Delay(200);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }
        _process.Dispose();
    }
}
