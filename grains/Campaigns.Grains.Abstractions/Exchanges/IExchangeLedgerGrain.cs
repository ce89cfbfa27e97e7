using Campaigns.Grains.Abstractions.Common;

namespace Campaigns.Grains.Abstractions.Exchanges;

/// <summary>
/// The credit ledger of one agency, keyed <see cref="ExchangeLedger.Key"/>. Every reservation and settlement of the
/// agency goes through this one grain, so two concurrent proposals can never both pass the limit check.
/// </summary>
public interface IExchangeLedgerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Fixes the worth of each exchange and, when every account involved stays within the credit limit whatever
    /// publishes, stores the exchanges with their pushes and pending credits in one transaction (all or none), then
    /// ensures their triggers. Pass <paramref name="campaignId"/> when a campaign owns the pushes. Reserving the same
    /// campaign pushes again returns what was reserved and changes nothing.
    /// </summary>
    Task<Outcome<List<ExchangeSnapshot>>> Reserve(string? campaignId, List<ExchangeDraft> exchanges);

    /// <summary>
    /// Settles the pending credits of a push that has settled: entries on both sides when it was published, a release
    /// when it failed, was skipped or cancelled. Idempotent. One-way: should it be lost, <see cref="Reconcile"/> settles it.
    /// </summary>
    [Orleans.Concurrency.OneWay]
    Task Settle(string pushId);

    /// <summary>
    /// Settles every pending leg whose push has settled (a settlement call lost in a crash, a campaign cancelled in
    /// bulk). Called by a durable recurring job for each agency that has such legs.
    /// </summary>
    Task Reconcile();

    /// <summary>
    /// Cancels a standalone exchange: its pushes that have not fired are cancelled and their pending credits released.
    /// Returns how many pushes it cancelled; not found when there is no such exchange, a conflict when a campaign owns
    /// the exchange (steer the campaign instead) or when neither push is left to cancel. A push already publishing
    /// finishes, and settles as usual.
    /// </summary>
    Task<Outcome<int>> Cancel(string exchangeId);
}

/// <summary>Addresses an agency's ledger grain and names exchange ids.</summary>
public static class ExchangeLedger
{
    /// <summary>The id prefix of exchanges; their pushes carry it as owner when no campaign owns them.</summary>
    public const string Prefix = "exc";

    /// <summary>The ledger grain key of an agency.</summary>
    public static string Key(string agencyId) => GrainKeys.For(agencyId, "ledger");
}
