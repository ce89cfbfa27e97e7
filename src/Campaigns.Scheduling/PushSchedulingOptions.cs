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

    /// <summary>How often the sweeper looks for overdue pushes (missed triggers, resumed campaigns, retries) and expired leases.</summary>
    public int SweepSeconds { get; set; } = 15;

    /// <summary>
    /// How long a claim holds without renewal. The claiming silo renews the leases of the pushes it is firing every
    /// <see cref="LeaseRenewSeconds"/>, however long a publish takes; a lease that runs out means its silo stopped
    /// renewing (frozen, cut off from the database) and the push is recovered. A silo the membership declares dead
    /// loses its leases at once, without waiting for them to run out.
    /// </summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>How often a silo renews its leases: one batched UPDATE per round, well inside <see cref="LeaseSeconds"/>.</summary>
    public int LeaseRenewSeconds { get; set; } = 10;

    /// <summary>
    /// A launched campaign's durable completion check first runs this long after its last planned push, then this
    /// often until it completes (the prompt check, a second after pushes settle, is a grain timer a crash can lose).
    /// </summary>
    public int CompletionCheckSeconds { get; set; } = 60;

    /// <summary>Pushes claimed per database round trip.</summary>
    public int ClaimBatch { get; set; } = 2000;

    /// <summary>
    /// The most pushes one silo fires at once (waiting for their instant, or publishing). Claims stop there; what is
    /// left is claimed by the next trigger or sweep, or by another silo.
    /// </summary>
    public int MaxFiring { get; set; } = 20_000;

    /// <summary>Why these settings are invalid, or null when they are fine.</summary>
    internal string? Problem() =>
        LeaseRenewSeconds < 1 ? $"{Section}:LeaseRenewSeconds must be at least 1."
        : LeaseSeconds < 2 * LeaseRenewSeconds ? $"{Section}:LeaseSeconds must be at least twice LeaseRenewSeconds, so one late renewal loses no lease."
        : SweepSeconds < 1 ? $"{Section}:SweepSeconds must be at least 1."
        : MaxAttempts < 1 ? $"{Section}:MaxAttempts must be at least 1."
        : ClaimBatch < 1 || MaxFiring < 1 ? $"{Section}:ClaimBatch and MaxFiring must be at least 1."
        : null;
}
