using Campaigns.Grains.Abstractions.Campaigns;

namespace Campaigns.Grains.Campaigns;

/// <summary>The persisted state of a schedule grain.</summary>
[GenerateSerializer]
public sealed class ScheduleState
{
    /// <summary>The schedule as last written; null until created.</summary>
    [Id(0)] public ScheduleSnapshot? Schedule { get; set; }
}
