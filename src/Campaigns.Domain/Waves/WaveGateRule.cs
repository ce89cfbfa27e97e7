namespace Campaigns.Domain.Waves;

/// <summary>
/// When a tie-in wave is released: the previous wave's published pushes reach <see cref="MinViews"/> views in total
/// and/or an engagement rate of <see cref="MinEngagementRate"/> (every threshold given must hold), or
/// <see cref="MaxWait"/> runs out and the wave is released anyway or the rollout stopped.
/// </summary>
public sealed record WaveGateRule(long? MinViews, double? MinEngagementRate, TimeSpan MaxWait, bool StopOnTimeout);

/// <summary>The engagement a gate looks at: the sums of the latest snapshots of a wave's published pushes.</summary>
public sealed record GateReading(int Published, long Views, long Likes, long Comments, long Shares)
{
    /// <summary>(likes + comments + shares) / views; 0 without views.</summary>
    public double EngagementRate => Views > 0 ? (double)(Likes + Comments + Shares) / Views : 0;
}

/// <summary>What a gate says now.</summary>
public enum GateVerdict
{
    /// <summary>Closed, and the wait has not run out.</summary>
    Wait,

    /// <summary>Every threshold holds: release the wave.</summary>
    Open,

    /// <summary>Still closed when the wait ran out, and the gate says release anyway.</summary>
    TimedOutRelease,

    /// <summary>Still closed when the wait ran out, and the gate says stop the rollout.</summary>
    TimedOutStop,
}
