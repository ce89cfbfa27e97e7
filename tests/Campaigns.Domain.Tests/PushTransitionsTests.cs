using Campaigns.Domain.Common;
using Campaigns.Domain.Pushes;

namespace Campaigns.Domain.Tests;

/// <summary>
/// The push state machine, every (status, transition) pair: the status it ends in, or refused. The grid below is the
/// specification; a new status or transition fails <see cref="The_grid_names_every_status_and_every_transition"/>
/// until someone decides its row and column here.
/// </summary>
public sealed class PushTransitionsTests
{
    // '-' is refused. Columns: the status a push is in before the transition.
    private const string Grid =
        """
        transition        scheduled   publishing  published  failed     cancelled  skipped    unconfirmed
        claim             publishing  -           -          -          -          -          -
        renew-lease       -           publishing  -          -          -          -          -
        recover-lease     -           scheduled   -          -          -          -          -
        hold              scheduled   -           -          -          -          -          -
        release           scheduled   -           -          -          -          -          -
        open-gate         scheduled   -           -          -          -          -          -
        hold-claimed      -           scheduled   -          -          -          -          -
        retry             -           scheduled   -          -          -          -          -
        await-credential  -           scheduled   -          -          -          -          -
        publish           published   published   -          published  published  published  published
        fail              -           failed      -          -          -          -          -
        skip              -           skipped     -          -          -          -          -
        withdraw          -           cancelled   -          -          -          -          -
        cancel            cancelled   -           -          -          -          -          -
        mark-unconfirmed  -           unconfirmed -          -          -          -          -
        resolve-requeue   -           -           -          -          -          -          scheduled
        resolve-stale     -           -           -          -          -          -          skipped
        """;

    private static readonly string[][] Rows = Grid.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();

    public static TheoryData<PushTransition, PushStatus, PushStatus?> Pairs()
    {
        var data = new TheoryData<PushTransition, PushStatus, PushStatus?>();
        var header = Rows[0];
        foreach (var row in Rows.Skip(1))
        {
            for (var column = 1; column < header.Length; column++)
            {
                data.Add(WireName<PushTransition>.Parse(row[0]), WireName<PushStatus>.Parse(header[column]),
                    row[column] == "-" ? null : WireName<PushStatus>.Parse(row[column]));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Every_transition_from_every_status_is_allowed_or_refused_as_the_grid_says(PushTransition transition, PushStatus from, PushStatus? expected)
    {
        Assert.Equal(expected, PushTransitions.Apply(from, transition));
        Assert.Equal(expected is not null, PushTransitions.Of(transition).Allows(from));
    }

    [Fact]
    public void The_grid_names_every_status_and_every_transition()
    {
        Assert.Equal(WireName<PushStatus>.All, Rows[0].Skip(1));
        Assert.Equal(WireName<PushTransition>.All, Rows.Skip(1).Select(r => r[0]));
        Assert.Equal(Enum.GetValues<PushTransition>(), PushTransitions.All.Select(r => r.Transition));
    }

    [Theory]
    // Only the outcomes of a firing need the lease: a silo taken for dead cannot overwrite its successor's work.
    [InlineData(PushTransition.RenewLease, true)]
    [InlineData(PushTransition.HoldClaimed, true)]
    [InlineData(PushTransition.Retry, true)]
    [InlineData(PushTransition.AwaitCredential, true)]
    [InlineData(PushTransition.Fail, true)]
    [InlineData(PushTransition.Skip, true)]
    [InlineData(PushTransition.Withdraw, true)]
    [InlineData(PushTransition.MarkUnconfirmed, true)]
    [InlineData(PushTransition.Publish, false)] // a post that exists is a fact, whoever reports it
    [InlineData(PushTransition.RecoverLease, false)] // by whoever found the holder dead
    [InlineData(PushTransition.Claim, false)]
    [InlineData(PushTransition.Hold, false)]
    [InlineData(PushTransition.Release, false)]
    [InlineData(PushTransition.OpenGate, false)]
    [InlineData(PushTransition.Cancel, false)]
    [InlineData(PushTransition.ResolveRequeue, false)]
    [InlineData(PushTransition.ResolveStale, false)]
    public void Only_a_firings_outcomes_need_the_lease(PushTransition transition, bool byLeaseHolder) =>
        Assert.Equal(byLeaseHolder, PushTransitions.Of(transition).ByLeaseHolder);

    [Theory]
    [InlineData(PushTransition.Hold, true)]
    [InlineData(PushTransition.HoldClaimed, true)]
    [InlineData(PushTransition.Release, false)]
    [InlineData(PushTransition.Claim, null)]
    [InlineData(PushTransition.Retry, null)]
    [InlineData(PushTransition.RecoverLease, null)]
    [InlineData(PushTransition.OpenGate, null)]
    public void Holding_and_releasing_set_the_held_flag_and_nothing_else_touches_it(PushTransition transition, bool? held) =>
        Assert.Equal(held, PushTransitions.Of(transition).Held);

    [Theory]
    [InlineData(PushStatus.Scheduled, false, true)]
    [InlineData(PushStatus.Publishing, false, true)]
    [InlineData(PushStatus.Unconfirmed, false, false)] // waits for a person: neither settled nor going to publish by itself
    [InlineData(PushStatus.Published, true, false)]
    [InlineData(PushStatus.Failed, true, false)]
    [InlineData(PushStatus.Cancelled, true, false)]
    [InlineData(PushStatus.Skipped, true, false)]
    public void Final_and_pending_statuses(PushStatus status, bool final, bool pending)
    {
        Assert.Equal(final, PushTransitions.IsFinal(status));
        Assert.Equal(pending, PushTransitions.IsPending(status));
    }
}
