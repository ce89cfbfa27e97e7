namespace Campaigns.Grains.Campaigns;

/// <summary>
/// A timeline event as kept in a grain's state until it is in the timeline table. Its id is fixed when it is made, so
/// appending it again (after a crash, on activation) adds nothing twice.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TimelineEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Type,
    [property: Id(3)] string Detail);
