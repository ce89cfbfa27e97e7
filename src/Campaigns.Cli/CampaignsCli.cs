using Campaigns.Cli.Commands;
using Campaigns.Cli.Output;
using Campaigns.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Campaigns.Cli;

/// <summary>The tool's entry point: the command tree, and the one place failures become a message and an exit code.</summary>
public static class CampaignsCli
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("campaigns");
            config.ConfigureConsole(environment.Out);
            config.UseStrictParsing();
            config.PropagateExceptions();
            config.AddBranch("accounts", accounts =>
            {
                accounts.SetDescription("The agency's accounts.");
                accounts.AddCommand<ImportAccountsCommand>("import").WithData(environment).WithExample("accounts", "import", "accounts.csv");
            });
            config.AddBranch("products", products =>
            {
                products.SetDescription("The agency's products.");
                products.AddCommand<ImportProductsCommand>("import").WithData(environment).WithExample("products", "import", "products.csv");
            });
            config.AddBranch("campaigns", campaigns =>
            {
                campaigns.SetDescription("Create, launch, watch and report on campaigns.");
                campaigns.AddCommand<CreateCampaignCommand>("create").WithData(environment).WithExample("campaigns", "create", "campaign.json", "--launch");
                campaigns.AddCommand<WatchCampaignCommand>("watch").WithData(environment).WithExample("campaigns", "watch", "cmp_123");
                campaigns.AddCommand<ReportCampaignCommand>("report").WithData(environment).WithExample("campaigns", "report", "cmp_123", "--svg", "report.svg");
            });
        });

        try
        {
            return await app.RunAsync(args, cancellationToken);
        }
        catch (Exception e) when (ExitCodeFor(e) is { } code)
        {
            foreach (var line in Describe(e))
            {
                environment.Error.WriteLine(line);
            }
            return code;
        }
    }

    /// <summary>The exit code of an expected failure; null lets anything else (our own bug) surface as it is.</summary>
    private static int? ExitCodeFor(Exception exception) => exception switch
    {
        CliFailure failure => failure.ExitCode,
        CommandAppException => ExitCodes.Usage,
        CampaignsApiException { StatusCode: >= 500 } => ExitCodes.Unreachable,
        CampaignsApiException => ExitCodes.Refused,
        HttpRequestException or TaskCanceledException or TimeoutException => ExitCodes.Unreachable,
        _ => null,
    };

    private static IEnumerable<string> Describe(Exception exception) => exception switch
    {
        CampaignsApiException refused => ProblemText.Lines(refused),
        HttpRequestException unreachable => [$"Cannot reach the server: {unreachable.Message}"],
        TaskCanceledException or TimeoutException => ["The server did not answer in time."],
        _ => [exception.Message],
    };
}
