using Spectre.Console;

namespace Campaigns.Cli;

/// <summary>
/// What the tool touches outside itself: its console (results, tables, the progress bar), the error stream (one plain
/// line per message, never wrapped), environment variables, the HTTP stack and the clock. Tests pass their own (a
/// host's in-process handler, writers they read back).
/// </summary>
public sealed record CliEnvironment(
    IAnsiConsole Out,
    TextWriter Error,
    Func<string, string?> Variable,
    HttpMessageHandler? Handler,
    TimeProvider Clock)
{
    public const string ApiKeyVariable = "CAMPAIGNS_API_KEY";
    public const string UrlVariable = "CAMPAIGNS_URL";
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>How long <c>campaigns watch</c> waits between two looks at the campaign.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Writes one line to standard output as it is: ids and plain progress lines that scripts read.</summary>
    public void WriteLine(string line) => Out.Profile.Out.Writer.WriteLine(line);

    public static CliEnvironment FromProcess() => new(
        AnsiConsole.Console,
        Console.Error,
        Environment.GetEnvironmentVariable,
        Handler: null,
        TimeProvider.System);
}
