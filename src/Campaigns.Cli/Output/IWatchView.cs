using Campaigns.Client;

namespace Campaigns.Cli.Output;

/// <summary>How <c>campaigns watch</c> shows what it sees.</summary>
public interface IWatchView
{
    /// <summary>A timeline event not shown before.</summary>
    void Event(TimelineEventView happening);

    /// <summary>The campaign's latest status and push counts.</summary>
    void Progress(CampaignView campaign);

    /// <summary>The campaign completed or was cancelled.</summary>
    void Finished(CampaignView campaign);
}
