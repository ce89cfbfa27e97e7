using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Exchanges;
using Campaigns.Grains.Common;
using Campaigns.Storage.Pushes;
using Microsoft.Extensions.Logging;
namespace Campaigns.Grains.Exchanges;

/// <summary>
/// The credit ledger of one agency. Reservations and settlements run here one at a time, so a limit check and the
/// reservation it allows cannot interleave with another's. The ledger's durable state is its tables (exchanges, legs,
/// entries), written in transactions (<see cref="ExchangeReservations"/>, <see cref="LedgerSettlement"/>); the grain
/// holds nothing in memory. What a lost settlement call left pending is settled by <see cref="Reconcile"/>, which a
/// durable recurring job calls (<c>LedgerReconcileJob</c>).
/// </summary>
public sealed class ExchangeLedgerGrain(
    ExchangeReservations reservations,
    LedgerSettlement settlement,
    OwnerPushes pushes,
    TimeProvider clock,
    ILogger<ExchangeLedgerGrain> logger) : Grain, IExchangeLedgerGrain
{
    private string AgencyId => GrainKeys.Split(this.GetPrimaryKeyString()).AgencyId;

    public Task<Outcome<List<ExchangeSnapshot>>> Reserve(string? campaignId, List<ExchangeDraft> drafts) =>
        reservations.ReserveAsync(AgencyId, campaignId, drafts);

    public Task Settle(string pushId) => settlement.SettleAsync(AgencyId, pushId);

    public Task Reconcile() => settlement.SettleAsync(AgencyId, null);

    public async Task<Outcome<int>> Cancel(string exchangeId)
    {
        var agencyId = AgencyId;
        if (await reservations.FindAsync(agencyId, exchangeId) is not { } exchange)
        {
            return Outcome<int>.Fail(ErrorKind.NotFound, $"Exchange {exchangeId} was not found.");
        }
        if (exchange.CampaignId is { } campaignId)
        {
            return Outcome<int>.Fail(ErrorKind.Conflict,
                $"Exchange {exchangeId} belongs to campaign {campaignId}; pause or cancel the campaign instead.");
        }
        // A standalone exchange owns its pushes under its own id; one conditional UPDATE, so a claim and this cancel
        // cannot both win a push.
        var cancelled = await StorageCalls.Guard(() => pushes.CancelScheduledAsync(agencyId, exchangeId, clock.GetUtcNow().ToUnixTimeMilliseconds()));
        if (cancelled == 0)
        {
            return Outcome<int>.Fail(ErrorKind.Conflict, $"Exchange {exchangeId} has no push left to cancel: both have fired or were cancelled.");
        }
        await settlement.SettleAsync(agencyId, exchange.PushA);
        await settlement.SettleAsync(agencyId, exchange.PushB);
        logger.LogInformation("Agency {AgencyId}: exchange {ExchangeId} cancelled ({Count} pushes)", agencyId, exchangeId, cancelled);
        return Outcome<int>.Ok(cancelled);
    }
}
