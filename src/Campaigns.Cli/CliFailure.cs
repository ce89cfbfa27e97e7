namespace Campaigns.Cli;

/// <summary>A failure the tool explains in one line and ends with <see cref="ExitCode"/>.</summary>
public sealed class CliFailure(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliFailure Usage(string message) => new(ExitCodes.Usage, message);
}
