using System.Diagnostics;
using System.Text;

namespace Campaigns.Benchmarks.Infrastructure;

/// <summary>Runs a command-line tool to completion with a deadline; returns its stdout and stderr together.</summary>
public static class ToolRunner
{
    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        var output = new StringBuilder();
        using var process = Process.Start(info) ?? throw new BenchmarkFailedException($"{file} did not start");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new BenchmarkFailedException($"{Path.GetFileName(file)} {string.Join(' ', info.ArgumentList)} did not finish within {timeout.TotalSeconds:0} s");
        }
        process.WaitForExit(); // drains the output events
        string text;
        lock (output)
        {
            text = output.ToString();
        }
        if (process.ExitCode != 0)
        {
            throw new BenchmarkFailedException($"{Path.GetFileName(file)} {string.Join(' ', info.ArgumentList)} exited with {process.ExitCode}:\n{text}");
        }
        return text;
    }
}
