using Spectre.Console.Cli;

namespace Campaigns.Cli.Commands;

/// <summary>A command of this tool: it finds the <see cref="CliEnvironment"/> the app was started with.</summary>
public abstract class CliCommand<TSettings> : AsyncCommand<TSettings> where TSettings : CommandSettings
{
    public override Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken) =>
        RunAsync((CliEnvironment)context.Data!, settings, cancellationToken);

    protected abstract Task<int> RunAsync(CliEnvironment environment, TSettings settings, CancellationToken cancellationToken);

    /// <summary>Reads a file the user named, or fails with one line saying why not.</summary>
    protected static FileStream OpenInput(string path)
    {
        try
        {
            return File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliFailure.Usage($"Cannot read {path}: {e.Message}");
        }
    }
}
