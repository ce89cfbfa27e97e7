using Campaigns.Grains.Campaigns;

namespace Campaigns.Grains.Waves;

/// <summary>The persisted state of a waves grain.</summary>
[GenerateSerializer]
public sealed class WavesState
{
    /// <summary>The tie-in's progress through its waves; null before its launch.</summary>
    [Id(0)] public TieInProgress? Progress { get; set; }

    /// <summary>Timeline events of decisions written with them and not yet known to be in the timeline table.</summary>
    [Id(1)] public List<TimelineEvent> Unsent { get; set; } = [];
}
