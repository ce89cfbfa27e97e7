namespace Campaigns.Scheduling;

/// <summary>The <c>Campaigns:Scheduling</c> section: how timed pushes are fired.</summary>
public sealed class PushSchedulingOptions
{
    public const string Section = "Campaigns:Scheduling";

    /// <summary>
    /// Pushes due within one bucket share one Quartz trigger; the job fans them out and each push waits for its own
    /// instant. Quartz acquires triggers under a database lock, so one trigger per push would not keep up.
    /// </summary>
    public int BucketMilliseconds { get; set; } = 1000;

    /// <summary>
    /// A bucket's trigger fires this long before the bucket starts, so its pushes are claimed, and their account
    /// grains activated and loaded, before their instant; each push still publishes at its own instant.
    /// </summary>
    public int LeadMilliseconds { get; set; } = 2000;

    /// <summary>A push found more than this late (after downtime) is skipped rather than published.</summary>
    public int StalenessMinutes { get; set; } = 60;

    /// <summary>Attempts before a push that keeps failing transiently is marked failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first retry waits this long; each next one twice as long (with jitter).</summary>
    public int RetryBaseSeconds { get; set; } = 5;

    /// <summary>How often the sweeper looks for overdue pushes (missed triggers, resumed campaigns, silos lost mid-flight).</summary>
    public int SweepSeconds { get; set; } = 15;

    /// <summary>A push claimed this long ago and still publishing is presumed abandoned by a dead silo.</summary>
    public int AbandonedAfterSeconds { get; set; } = 120;

    /// <summary>
    /// A launched campaign's durable completion check first runs this long after its last planned push, then this
    /// often until it completes (the prompt check, a second after pushes settle, is a grain timer a crash can lose).
    /// </summary>
    public int CompletionCheckSeconds { get; set; } = 60;

    /// <summary>Pushes claimed per database round trip.</summary>
    public int ClaimBatch { get; set; } = 2000;
}
