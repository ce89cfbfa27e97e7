
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Schedules;
namespace Campaigns.Grains.Schedules;

/// <summary>The persisted state of a schedule grain.</summary>
[GenerateSerializer]
public sealed class ScheduleState
{
    /// <summary>The schedule as last written; null until created.</summary>
    [Id(0)] public ScheduleSnapshot? Schedule { get; set; }

    /// <summary>True from a write until the read-model row is known to carry it.</summary>
    [Id(1)] public bool Unprojected { get; set; }

    /// <summary>True from a delete until its trigger is removed and its unfired pushes cancelled.</summary>
    [Id(2)] public bool Retiring { get; set; }
}
