using System.Collections.Frozen;

namespace Campaigns.Domain.Pushes;

/// <summary>
/// The push state machine: for each transition, the statuses it may start from and the status it ends in. Storage
/// derives the guard of every status-changing statement from this table, so a transition that is refused here cannot
/// happen in the database either (a conditional UPDATE simply changes nothing).
/// </summary>
public static class PushTransitions
{
    private static readonly PushStatus[] Unpublished =
        [PushStatus.Scheduled, PushStatus.Publishing, PushStatus.Failed, PushStatus.Cancelled, PushStatus.Skipped, PushStatus.Unconfirmed];

    private static readonly FrozenDictionary<PushTransition, PushTransitionRule> Rules = new[]
    {
        Rule(PushTransition.Claim, [PushStatus.Scheduled], PushStatus.Publishing),
        Rule(PushTransition.RenewLease, [PushStatus.Publishing], PushStatus.Publishing, byLeaseHolder: true),
        // Not by the holder: by anyone who has found the holder dead or its lease expired.
        Rule(PushTransition.RecoverLease, [PushStatus.Publishing], PushStatus.Scheduled),
        Rule(PushTransition.Hold, [PushStatus.Scheduled], PushStatus.Scheduled, held: true),
        Rule(PushTransition.Release, [PushStatus.Scheduled], PushStatus.Scheduled, held: false),
        Rule(PushTransition.OpenGate, [PushStatus.Scheduled], PushStatus.Scheduled),
        Rule(PushTransition.HoldClaimed, [PushStatus.Publishing], PushStatus.Scheduled, held: true, byLeaseHolder: true),
        Rule(PushTransition.Retry, [PushStatus.Publishing], PushStatus.Scheduled, byLeaseHolder: true),
        Rule(PushTransition.AwaitCredential, [PushStatus.Publishing], PushStatus.Scheduled, byLeaseHolder: true),
        // A post that exists is recorded whatever the push was believed to be doing (recovered, failed, cancelled by a
        // late decision, unconfirmed); only a second "published" changes nothing, so the first post id stays.
        Rule(PushTransition.Publish, Unpublished, PushStatus.Published),
        Rule(PushTransition.Fail, [PushStatus.Publishing], PushStatus.Failed, byLeaseHolder: true),
        Rule(PushTransition.Skip, [PushStatus.Publishing], PushStatus.Skipped, byLeaseHolder: true),
        Rule(PushTransition.Withdraw, [PushStatus.Publishing], PushStatus.Cancelled, byLeaseHolder: true),
        Rule(PushTransition.Cancel, [PushStatus.Scheduled], PushStatus.Cancelled),
        Rule(PushTransition.MarkUnconfirmed, [PushStatus.Publishing], PushStatus.Unconfirmed, byLeaseHolder: true),
        Rule(PushTransition.ResolveRequeue, [PushStatus.Unconfirmed], PushStatus.Scheduled),
        Rule(PushTransition.ResolveStale, [PushStatus.Unconfirmed], PushStatus.Skipped),
    }.ToFrozenDictionary(r => r.Transition);

    /// <summary>Every transition's rule, in declaration order.</summary>
    public static IReadOnlyList<PushTransitionRule> All { get; } =
        Enum.GetValues<PushTransition>().Select(t => Rules[t]).ToArray();

    /// <summary>The rule of one transition.</summary>
    public static PushTransitionRule Of(PushTransition transition) => Rules[transition];

    /// <summary>The status a push in <paramref name="from"/> ends in after <paramref name="transition"/>, or null when refused.</summary>
    public static PushStatus? Apply(PushStatus from, PushTransition transition) =>
        Rules[transition] is var rule && rule.Allows(from) ? rule.To : null;

    /// <summary>True for a status a push never leaves by itself (only a fact — <see cref="PushTransition.Publish"/> — overrides it).</summary>
    public static bool IsFinal(PushStatus status) =>
        status is PushStatus.Published or PushStatus.Failed or PushStatus.Cancelled or PushStatus.Skipped;

    /// <summary>True while the push may still publish without a person's word: scheduled or publishing.</summary>
    public static bool IsPending(PushStatus status) => status is PushStatus.Scheduled or PushStatus.Publishing;

    private static PushTransitionRule Rule(
        PushTransition transition, PushStatus[] from, PushStatus to, bool? held = null, bool byLeaseHolder = false) =>
        new(transition, from.ToFrozenSet(), to, held, byLeaseHolder);
}
