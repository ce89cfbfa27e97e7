using System.ComponentModel;
using Campaigns.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Campaigns.Cli.Commands;

/// <summary>The settings of an import: the file, read as CSV unless its name ends in .ndjson or .jsonl.</summary>
public sealed class ImportSettings : ApiSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("A CSV file with a header row (or NDJSON: one create request per line, named *.ndjson or *.jsonl).")]
    public string File { get; init; } = "";
}

/// <summary>
/// <c>accounts import</c> and <c>products import</c>: sends the file as it is; the server checks every row and
/// creates all or nothing, so a refusal lists each row's fields at fault.
/// </summary>
public abstract class ImportCommand : CliCommand<ImportSettings>
{
    protected abstract string Resource { get; }

    protected abstract Task<ImportResult> ImportAsync(CampaignsClient client, FileParameter file, CancellationToken cancellationToken);

    protected override async Task<int> RunAsync(CliEnvironment environment, ImportSettings settings, CancellationToken cancellationToken)
    {
        var (client, _) = settings.Connect(environment);
        await using var stream = OpenInput(settings.File);
        var mediaType = Path.GetExtension(settings.File).ToLowerInvariant() is ".ndjson" or ".jsonl" ? "application/x-ndjson" : "text/csv";
        var result = await ImportAsync(client, new FileParameter(stream, Path.GetFileName(settings.File), mediaType), cancellationToken);
        environment.Error.WriteLine($"Imported {result.Imported} {Resource} from {settings.File}.");
        foreach (var id in result.Ids)
        {
            environment.WriteLine(id);
        }
        return ExitCodes.Ok;
    }
}

[Description("Create accounts from a CSV file (all or nothing); prints their ids.")]
public sealed class ImportAccountsCommand : ImportCommand
{
    protected override string Resource => "accounts";

    protected override Task<ImportResult> ImportAsync(CampaignsClient client, FileParameter file, CancellationToken cancellationToken) =>
        client.ImportAccountsAsync(file, cancellationToken: cancellationToken);
}

[Description("Create products from a CSV file (all or nothing); prints their ids.")]
public sealed class ImportProductsCommand : ImportCommand
{
    protected override string Resource => "products";

    protected override Task<ImportResult> ImportAsync(CampaignsClient client, FileParameter file, CancellationToken cancellationToken) =>
        client.ImportProductsAsync(file, cancellationToken: cancellationToken);
}
