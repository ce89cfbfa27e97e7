using System.ComponentModel;
using Campaigns.Cli.Output;
using Campaigns.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Campaigns.Cli.Commands;

public sealed class WatchSettings : ApiSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("The campaign's id.")]
    public string Id { get; init; } = "";
}

/// <summary>
/// <c>campaigns watch</c>: follows a campaign until it completes or is cancelled, with a progress bar of its pushes
/// on a terminal (plain lines otherwise) and each timeline event as it happens.
/// </summary>
[Description("Follow a campaign live until it completes or is cancelled.")]
public sealed class WatchCampaignCommand : CliCommand<WatchSettings>
{
    private static readonly string[] Finished = ["completed", "cancelled"];

    protected override async Task<int> RunAsync(CliEnvironment environment, WatchSettings settings, CancellationToken cancellationToken)
    {
        var (client, _) = settings.Connect(environment);
        var console = environment.Out;
        if (!console.Profile.Capabilities.Interactive)
        {
            await FollowAsync(client, settings.Id, new PlainWatchView(console.Profile.Out.Writer), environment, cancellationToken);
            return ExitCodes.Ok;
        }
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
            .StartAsync(async progress =>
                await FollowAsync(client, settings.Id, new LiveWatchView(console, progress), environment, cancellationToken));
        return ExitCodes.Ok;
    }

    private static async Task FollowAsync(CampaignsClient client, string id, IWatchView view, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var seen = 0;
        while (true)
        {
            var campaign = await client.GetCampaignAsync(id, cancellationToken);
            var timeline = await client.GetCampaignTimelineAsync(id, cancellationToken);
            foreach (var happening in timeline.Events.Skip(seen))
            {
                view.Event(happening);
            }
            seen = Math.Max(seen, timeline.Events.Count);
            view.Progress(campaign);
            if (Finished.Contains(campaign.Status))
            {
                view.Finished(campaign);
                return;
            }
            await Task.Delay(environment.PollInterval, environment.Clock, cancellationToken);
        }
    }
}
