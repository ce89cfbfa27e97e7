using Campaigns.Grains.Campaigns;

namespace Campaigns.Grains.Waves;

/// <summary>
/// Where a launched tie-in stands: which waves are released and when, and whether a gate stopped the rollout. The
/// waves grain decides here first (durably) and then makes the pushes table match, so a decision survives a crash
/// between the two and is never taken twice. State written before the waves grain existed holds one inside
/// <see cref="CampaignState"/> (stored as JSON with type names): the class keeps its name, and its earlier namespace is
/// mapped by <see cref="Common.StoredTypeNames"/>.
/// </summary>
[GenerateSerializer]
public sealed class TieInProgress
{
    /// <summary>Pushes per wave as stored at launch (index = wave; 0 is the celebrity wave).</summary>
    [Id(0)] public List<int> Pushes { get; set; } = [];

    /// <summary>When each released wave was released (index = wave); wave 0's is its first scheduled instant.</summary>
    [Id(1)] public List<DateTimeOffset> ReleasedAt { get; set; } = [];

    /// <summary>The wave whose gate timed out with <c>stop</c>; it and every later wave never run. Null while rolling out.</summary>
    [Id(2)] public int? StoppedAt { get; set; }

    /// <summary>The highest wave released so far.</summary>
    public int Released => ReleasedAt.Count - 1;

    /// <summary>The wave whose gate is being waited for, or null when every wave is released or the rollout stopped.</summary>
    public int? Waiting => StoppedAt is null && ReleasedAt.Count < Pushes.Count ? ReleasedAt.Count : null;

    /// <summary>The wave a gate of <paramref name="wave"/> looks at: the nearest earlier wave that has pushes (wave 0 always has).</summary>
    public int SourceOf(int wave)
    {
        var source = wave - 1;
        while (source > 0 && Pushes[source] == 0)
        {
            source--;
        }
        return source;
    }
}
