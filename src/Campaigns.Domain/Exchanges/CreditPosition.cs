namespace Campaigns.Domain.Exchanges;

/// <summary>
/// An account's standing on the credit ledger: its settled balance, and the credits of pushes still pending that it
/// would earn (<see cref="PendingIn"/>, as host) or pay (<see cref="PendingOut"/>, as content owner) once they publish.
/// <para>
/// Pending pushes publish in any order, and some may never publish, so the balance can end anywhere between
/// <see cref="Lowest"/> (only what it owes settles) and <see cref="Highest"/> (only what it earns settles). The credit
/// limit holds when that whole range lies within ±limit: then no order of publishing, and no failed push, can ever carry
/// the balance outside it.
/// </para>
/// </summary>
public readonly record struct CreditPosition(long Settled, long PendingIn, long PendingOut)
{
    /// <summary>The balance once every pending push has published.</summary>
    public long Projected => Settled + PendingIn - PendingOut;

    /// <summary>The lowest balance the pending pushes can lead to.</summary>
    public long Lowest => Settled - PendingOut;

    /// <summary>The highest balance the pending pushes can lead to.</summary>
    public long Highest => Settled + PendingIn;

    /// <summary>This position with one more pending push earning <paramref name="earn"/> and one paying <paramref name="pay"/>.</summary>
    public CreditPosition Plus(long earn, long pay) => this with { PendingIn = PendingIn + earn, PendingOut = PendingOut + pay };

    /// <summary>True when every balance the position can lead to is within ±<paramref name="limit"/>.</summary>
    public bool Within(long limit) => Lowest >= -limit && Highest <= limit;
}
