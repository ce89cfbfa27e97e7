namespace Campaigns.Application.Schedules;

/// <summary>The <c>Campaigns:Schedules</c> section: how often a schedule may fire and how much one firing may make.</summary>
public sealed class ScheduleOptions
{
    public const string Section = "Campaigns:Schedules";

    /// <summary>
    /// The shortest time allowed between two firings of one schedule, in seconds (default 60: at most once a minute).
    /// Tests and demos may lower it to watch a schedule fire.
    /// </summary>
    public int MinSecondsBetweenFirings { get; set; } = 60;

    /// <summary>The most pushes one firing may make, i.e. the most accounts a schedule may name (each makes one push).</summary>
    public int MaxPushesPerFiring { get; set; } = 1000;

    /// <summary>Why these settings are invalid, or null when they are fine.</summary>
    public string? Problem() =>
        MinSecondsBetweenFirings < 1 ? $"{Section}:MinSecondsBetweenFirings must be at least 1."
        : MaxPushesPerFiring < 1 ? $"{Section}:MaxPushesPerFiring must be at least 1."
        : null;
}
