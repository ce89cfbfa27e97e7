namespace Campaigns.Grains.Abstractions.Feedback;

/// <summary>A cumulative engagement snapshot of one push, as of <see cref="At"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record MetricsSnapshot(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] long Views,
    [property: Id(2)] long Likes,
    [property: Id(3)] long Comments,
    [property: Id(4)] long Shares,
    [property: Id(5)] long Clicks,
    [property: Id(6)] long Orders,
    [property: Id(7)] decimal Gmv);

/// <summary>What recording a snapshot did: whether it became the latest, and the latest now.</summary>
[GenerateSerializer, Immutable]
public sealed record MetricsReceipt([property: Id(0)] bool Applied, [property: Id(1)] MetricsSnapshot Latest);
