using Campaigns.Host.Configuration;
using Orleans.Configuration;

namespace Campaigns.Host;

/// <summary>
/// How fast a silo that stops answering is declared dead, and how long a grain call may wait for its answer. Orleans'
/// defaults (5 s probes, 2-minute vote expiry, 30 s heartbeats) take half a minute or more to declare a SIGKILLed
/// silo dead; everything it held — its leases on pushes, its grains — waits for that. These settings declare one of
/// three silos dead in about ten seconds on an idle network, without declaring a merely busy one dead (probe timeouts
/// adapt to the response times seen, and stretch while the prober itself is degraded).
/// </summary>
public static class MembershipTiming
{
    /// <summary>The first probe timeout; the effective one adapts between half and four times this.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes in a row before a silo votes the target dead: about 3 × 2 s.</summary>
    public const int MissedProbes = 3;

    /// <summary>Votes needed; Orleans needs fewer when fewer silos are left to vote.</summary>
    public const int Votes = 2;

    /// <summary>Votes older than this no longer count: long enough for the second voter's three probes.</summary>
    public static readonly TimeSpan VoteExpiry = TimeSpan.FromSeconds(20);

    /// <summary>How often each silo writes its heartbeat to the membership table (diagnostics and stale-entry cleanup).</summary>
    public static readonly TimeSpan IAmAlive = TimeSpan.FromSeconds(5);

    /// <summary>How often each silo re-reads the membership table; gossip tells it of a death sooner.</summary>
    public static readonly TimeSpan TableRefresh = TimeSpan.FromSeconds(10);

    /// <summary>Applies the timing to a silo of a PostgreSQL cluster, and the grain-call response timeout to any silo.</summary>
    public static void Apply(ISiloBuilder silo, CampaignsOptions.ClusterOptionsSection cluster, bool clustered)
    {
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(Math.Max(1, cluster.ResponseTimeoutSeconds)));
        if (!clustered)
        {
            return;
        }
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = ProbeTimeout;
            o.NumMissedProbesLimit = MissedProbes;
            o.NumVotesForDeathDeclaration = Votes;
            o.DeathVoteExpirationTimeout = VoteExpiry;
            o.IAmAliveTablePublishTimeout = IAmAlive;
            o.TableRefreshTimeout = TableRefresh;
        });
    }
}
