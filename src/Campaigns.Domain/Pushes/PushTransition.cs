namespace Campaigns.Domain.Pushes;

/// <summary>Everything that may change a push's status (or its held and gated flags); see <see cref="PushTransitions"/>.</summary>
public enum PushTransition
{
    /// <summary>A due, unheld, ungated push is taken for publishing under a lease.</summary>
    Claim,

    /// <summary>The silo publishing the push extends its lease.</summary>
    RenewLease,

    /// <summary>
    /// A claimed push whose lease holder is dead (or whose lease ran out) goes back to scheduled, its lost attempt
    /// counted, so its next firing looks the post up before publishing.
    /// </summary>
    RecoverLease,

    /// <summary>A scheduled push is held: its campaign paused, or its brand frozen.</summary>
    Hold,

    /// <summary>A held push is let go: a resume, an unfreeze.</summary>
    Release,

    /// <summary>A gated push of a tie-in wave becomes an ordinary scheduled push: its wave's gate opened.</summary>
    OpenGate,

    /// <summary>A claimed push is put back, held, because its owner said "hold" when it asked to fire.</summary>
    HoldClaimed,

    /// <summary>A claimed push failed transiently and is due again later.</summary>
    Retry,

    /// <summary>
    /// A claimed push is put back to wait for its account's credential (never connected, or a refused refresh): not
    /// claimed again until connecting the account releases it.
    /// </summary>
    AwaitCredential,

    /// <summary>The platform has the post: a fact, recorded whatever the push was believed to be doing.</summary>
    Publish,

    /// <summary>A claimed push failed for good, or ran out of attempts.</summary>
    Fail,

    /// <summary>A claimed push is not published on purpose (stale, capped, account gone or suspended).</summary>
    Skip,

    /// <summary>A claimed push is cancelled because its owner said "cancel" when it asked to fire.</summary>
    Withdraw,

    /// <summary>A scheduled push is cancelled by its owner (cancel, delete, a stopAccount rule, a stopped gate).</summary>
    Cancel,

    /// <summary>A claimed push's create may have happened and nothing can tell: it waits for a person.</summary>
    MarkUnconfirmed,

    /// <summary>A person says an unconfirmed push was not published: it is due again.</summary>
    ResolveRequeue,

    /// <summary>A person says an unconfirmed push was not published, and it is too late to publish it now.</summary>
    ResolveStale,
}
