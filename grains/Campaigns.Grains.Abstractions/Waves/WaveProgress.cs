namespace Campaigns.Grains.Abstractions.Waves;

/// <summary>
/// Where a launched tie-in stands: pushes per wave (index 0 is the celebrity wave), when each released wave was
/// released, and the wave whose gate stopped the rollout (null while it rolls out).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WaveProgress(
    [property: Id(0)] List<int> Pushes,
    [property: Id(1)] List<DateTimeOffset> ReleasedAt,
    [property: Id(2)] int? StoppedAt);
