using Orleans.Runtime;

namespace Campaigns.Scheduling.Pushes;

/// <summary>
/// Which lease holders are dead, by Orleans' own account of the cluster (its membership, read through
/// <see cref="IClusterMembershipService"/>, never from SQL): a holder the membership declares dead, or an earlier
/// incarnation of a silo that has since restarted on the same address. With a single silo (the embedded SQLite
/// default) every holder but this incarnation is dead: nobody else can be publishing.
/// </summary>
public sealed class DeadHolders(IClusterMembershipService membership, PushLeases leases, bool singleSilo)
{
    /// <summary>The holders among <paramref name="holders"/> that can no longer be publishing.</summary>
    public IReadOnlyList<string> Among(IEnumerable<string?> holders) =>
        Dead(holders, leases.Holder, singleSilo, membership.CurrentSnapshot);

    /// <summary>
    /// The dead among <paramref name="holders"/>, as seen by <paramref name="self"/> in <paramref name="snapshot"/>.
    /// A holder the membership does not know (or cannot be read) is not dead here: its lease runs out instead.
    /// </summary>
    public static IReadOnlyList<string> Dead(IEnumerable<string?> holders, string self, bool singleSilo, ClusterMembershipSnapshot snapshot)
    {
        var dead = new List<string>();
        foreach (var holder in holders)
        {
            if (holder is null || holder == self)
            {
                continue;
            }
            if (singleSilo || TryParse(holder) is { } silo && snapshot.GetSiloStatus(silo) == SiloStatus.Dead)
            {
                dead.Add(holder);
            }
        }
        return dead;
    }

    private static SiloAddress? TryParse(string holder)
    {
        try
        {
            return SiloAddress.FromParsableString(holder);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
