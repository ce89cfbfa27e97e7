namespace Campaigns.Domain.Pushes;

/// <summary>One row of the push state machine.</summary>
/// <param name="Transition">The transition.</param>
/// <param name="From">The statuses it may start from; from any other it is refused.</param>
/// <param name="To">The status it ends in.</param>
/// <param name="Held">The held flag afterwards; null leaves it as it was.</param>
/// <param name="ByLeaseHolder">
/// True when only the silo holding the push's lease may apply it: the outcomes of a firing. A silo that lost its lease
/// (taken for dead while it was only slow) cannot overwrite what the push's new holder does.
/// </param>
public sealed record PushTransitionRule(
    PushTransition Transition, IReadOnlySet<PushStatus> From, PushStatus To, bool? Held, bool ByLeaseHolder)
{
    /// <summary>True when the transition may start from <paramref name="status"/>.</summary>
    public bool Allows(PushStatus status) => From.Contains(status);
}
