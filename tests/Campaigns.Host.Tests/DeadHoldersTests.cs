using System.Collections.Immutable;
using System.Net;
using Campaigns.Scheduling;
using Campaigns.Scheduling.Pushes;
using Orleans.Runtime;

namespace Campaigns.Host.Tests;

/// <summary>Which lease holders recovery may take claims from, as Orleans' membership sees them.</summary>
public sealed class DeadHoldersTests
{
    private static readonly SiloAddress Self = Silo(11111, 300), Peer = Silo(11112, 200), Killed = Silo(11113, 200),
        Restarted = Silo(11114, 100), Rejoined = Silo(11114, 400), Stranger = Silo(11115, 100);

    private static readonly ClusterMembershipSnapshot Cluster = new(new Dictionary<SiloAddress, ClusterMember>
    {
        [Self] = new(Self, SiloStatus.Active, "self"),
        [Peer] = new(Peer, SiloStatus.Active, "peer"),
        [Killed] = new(Killed, SiloStatus.Dead, "killed"),
        [Rejoined] = new(Rejoined, SiloStatus.Active, "rejoined"), // the silo on Restarted's address, started again
    }.ToImmutableDictionary(), new MembershipVersion(7));

    [Fact]
    public void In_a_cluster_the_dead_and_earlier_incarnations_are_dead_and_the_living_and_the_unknown_are_not()
    {
        var holders = new[] { Self, Peer, Killed, Restarted, Rejoined, Stranger }.Select(s => (string?)s.ToParsableString()).Append(null).Append("not-a-silo");

        var dead = DeadHolders.Dead(holders, Self.ToParsableString(), singleSilo: false, Cluster);

        // A holder the membership does not know (or cannot be named) keeps its claims until its lease runs out.
        Assert.Equal([Killed.ToParsableString(), Restarted.ToParsableString()], dead);
    }

    [Fact]
    public void A_single_silo_takes_every_claim_that_is_not_its_own_incarnations()
    {
        var holders = new[] { Self, Silo(11111, 299), Stranger }.Select(s => (string?)s.ToParsableString());

        var dead = DeadHolders.Dead(holders, Self.ToParsableString(), singleSilo: true, Cluster);

        Assert.Equal([Silo(11111, 299).ToParsableString(), Stranger.ToParsableString()], dead);
    }

    private static SiloAddress Silo(int port, int generation) => SiloAddress.New(IPAddress.Loopback, port, generation);
}
