namespace Campaigns.Sandbox;

/// <summary>Settings of the simulated platform, bound from <c>Campaigns:Sandbox</c>.</summary>
public sealed class SandboxOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Campaigns:Sandbox";

    /// <summary>
    /// The fraction (0..1) of publish attempts that fail transiently before anything is created. Which ones is a
    /// deterministic function of the idempotency key and the attempt number, so a retry of the same key can succeed.
    /// </summary>
    public double FailureRate { get; set; }

    /// <summary>Simulated time per real time for engagement: 3600 makes a second of real time an hour.</summary>
    public double TimeScale { get; set; } = 1;

    /// <summary>How long each publish takes, as a TimeSpan (<c>00:00:00.250</c>); zero by default.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// How often, in seconds, the sandbox feed records the engagement of recent sandbox posts as snapshots of their
    /// pushes, as a platform's callbacks would; 0 turns the feed off.
    /// </summary>
    public int FeedSeconds { get; set; } = 30;

    /// <summary>
    /// How long after publishing, in simulated days, a post is still fed; by then its engagement has levelled off
    /// (views rise with a time constant of 4 to 8 simulated hours). In real time this is divided by <see cref="TimeScale"/>.
    /// </summary>
    public double FeedHorizonDays { get; set; } = 3;

    /// <summary>
    /// On SQLite (one writer), how long in seconds the feed may hold back each page of snapshots while pushes are
    /// publishing or about to, so that their outcomes are not queued behind it; 0 never holds back. PostgreSQL never
    /// needs to.
    /// </summary>
    public int FeedYieldSeconds { get; set; } = 10;

    /// <summary>The latency above which a value is taken for a mistake (e.g. "250" read as 250 days).</summary>
    internal static readonly TimeSpan MaxLatency = TimeSpan.FromMinutes(1);

    /// <summary>Why these settings are invalid, or null when they are fine.</summary>
    internal string? Problem() =>
        FailureRate is < 0 or > 1 or double.NaN ? $"{Section}:FailureRate must be between 0 and 1."
        : !(TimeScale > 0) || double.IsInfinity(TimeScale) ? $"{Section}:TimeScale must be a positive number."
        : Latency < TimeSpan.Zero || Latency > MaxLatency ? $"{Section}:Latency must be between 00:00:00 and {MaxLatency}."
        : FeedSeconds < 0 ? $"{Section}:FeedSeconds must be 0 (off) or more."
        : FeedYieldSeconds < 0 ? $"{Section}:FeedYieldSeconds must be 0 (never) or more."
        : !(FeedHorizonDays > 0) || double.IsInfinity(FeedHorizonDays) ? $"{Section}:FeedHorizonDays must be a positive number."
        : null;
}
