using Campaigns.Client;
using Spectre.Console;

namespace Campaigns.Cli.Output;

/// <summary>For a terminal: a progress bar of settled pushes under the timeline, which scrolls above it.</summary>
public sealed class LiveWatchView(IAnsiConsole console, ProgressContext progress) : IWatchView
{
    private readonly ProgressTask _pushes = progress.AddTask("waiting for the campaign", maxValue: 1);

    public void Event(TimelineEventView happening) => console.MarkupLine(Markup.Escape(WatchText.Event(happening)));

    public void Progress(CampaignView campaign)
    {
        var (settled, planned) = WatchText.Settled(campaign);
        _pushes.MaxValue = Math.Max(planned, 1);
        _pushes.Value = settled;
        _pushes.Description = Markup.Escape(WatchText.Short(campaign));
        progress.Refresh();
    }

    public void Finished(CampaignView campaign)
    {
        _pushes.StopTask();
        progress.Refresh();
    }
}
