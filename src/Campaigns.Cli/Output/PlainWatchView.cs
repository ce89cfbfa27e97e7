using Campaigns.Client;

namespace Campaigns.Cli.Output;

/// <summary>For pipes, logs and CI: one line per timeline event and per change of the counts.</summary>
public sealed class PlainWatchView(TextWriter output) : IWatchView
{
    private string? _lastCounts;

    public void Event(TimelineEventView happening) => output.WriteLine(WatchText.Event(happening));

    public void Progress(CampaignView campaign)
    {
        var counts = WatchText.Counts(campaign);
        if (counts != _lastCounts)
        {
            output.WriteLine(counts);
            _lastCounts = counts;
        }
    }

    public void Finished(CampaignView campaign) => output.WriteLine($"Campaign {campaign.Id} {campaign.Status}.");
}
