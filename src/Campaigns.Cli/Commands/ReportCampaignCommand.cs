using System.ComponentModel;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Campaigns.Cli.Commands;

public sealed class ReportSettings : ApiSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("The campaign's id.")]
    public string Id { get; init; } = "";

    [CommandOption("--svg <FILE>")]
    [Description("Also write the report's chart (funnel and views over time per wave) to this SVG file.")]
    public string? Svg { get; init; }
}

/// <summary><c>campaigns report</c>: the campaign's totals as a table, and its chart as an SVG file.</summary>
[Description("Print a campaign's results; --svg writes its chart.")]
public sealed class ReportCampaignCommand : CliCommand<ReportSettings>
{
    protected override async Task<int> RunAsync(CliEnvironment environment, ReportSettings settings, CancellationToken cancellationToken)
    {
        var (client, _) = settings.Connect(environment);
        var report = await client.GetCampaignReportAsync(settings.Id, cancellationToken: cancellationToken);
        var pushes = report.Totals.Pushes;
        var stats = report.Totals.Stats;
        var table = new Table().Title($"{Markup.Escape(report.Name)} ({report.Status})").AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        foreach (var (name, value) in new (string, object?)[]
        {
            ("pushes", pushes.Total), ("published", pushes.Published), ("failed", pushes.Failed), ("skipped", pushes.Skipped),
            ("cancelled", pushes.Cancelled), ("scheduled", pushes.Scheduled), ("views", stats.Views), ("likes", stats.Likes),
            ("comments", stats.Comments), ("shares", stats.Shares), ("clicks", stats.Clicks), ("orders", stats.Orders),
            ("gmv", stats.Gmv), ("engagement rate", stats.EngagementRate),
        })
        {
            table.AddRow(name, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "–");
        }
        environment.Out.Write(table);

        if (settings.Svg is { } path)
        {
            using var chart = await client.GetCampaignReportChartAsync(settings.Id, cancellationToken);
            try
            {
                await using var file = File.Create(path);
                await chart.Stream.CopyToAsync(file, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw CliFailure.Usage($"Cannot write {path}: {e.Message}");
            }
            environment.Error.WriteLine($"Wrote the chart to {path}.");
        }
        return ExitCodes.Ok;
    }
}
