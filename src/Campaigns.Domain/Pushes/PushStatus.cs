namespace Campaigns.Domain.Pushes;

/// <summary>
/// Where a push is in its life. The wire word (<c>WireName&lt;PushStatus&gt;</c>) is what the API shows and what the
/// pushes table stores. Which status may follow which is <see cref="PushTransitions"/>'s business alone.
/// </summary>
public enum PushStatus
{
    /// <summary>Waiting for its instant (or held, or behind a wave's gate).</summary>
    Scheduled,

    /// <summary>Claimed by one silo, under a lease that silo renews while it publishes.</summary>
    Publishing,

    /// <summary>The platform has the post. Final.</summary>
    Published,

    /// <summary>Refused for good, or out of attempts. Final.</summary>
    Failed,

    /// <summary>Its owner cancelled it before it published. Final.</summary>
    Cancelled,

    /// <summary>Not published on purpose: stale, capped, or its account cannot post. Final.</summary>
    Skipped,

    /// <summary>
    /// The platform may have created the post, its answer was lost and nothing can look it up. Never re-published on
    /// its own: a person resolves it.
    /// </summary>
    Unconfirmed,
}
