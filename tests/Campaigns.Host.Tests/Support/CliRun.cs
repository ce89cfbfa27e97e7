using Campaigns.Cli;
using Spectre.Console;

namespace Campaigns.Host.Tests.Support;

/// <summary>The <c>campaigns</c> tool run in process: its entry point, its exit code and what it wrote.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>
    /// Runs the tool against <paramref name="app"/> (its in-process HTTP handler) unless <paramref name="handler"/> is
    /// given as null explicitly through <paramref name="realNetwork"/>; variables play the environment.
    /// </summary>
    public static async Task<CliRun> RunAsync(
        CampaignsApp app, IReadOnlyDictionary<string, string> variables, string[] args,
        bool realNetwork = false, TimeSpan? deadline = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        var environment = new CliEnvironment(
            console, error, name => variables.GetValueOrDefault(name), realNetwork ? null : app.Server.CreateHandler(), TimeProvider.System)
        {
            PollInterval = TimeSpan.FromMilliseconds(250),
        };
        using var timeout = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(60));
        var exitCode = await CampaignsCli.RunAsync(args, environment, timeout.Token);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- out\n{Out}\n--- error\n{Error}";
}
