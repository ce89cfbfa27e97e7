using Campaigns.Domain.Pushes;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Exchanges;
using Campaigns.Grains.Common;
using Campaigns.Storage.Campaigns;

namespace Campaigns.Grains.Exchanges;

/// <summary>
/// The owner of a standalone exchange's two pushes. Stateless: its pushes fire unless their brand is frozen (a
/// cancelled exchange's pushes are cancelled in the database and never asked), and each one that settles is handed to
/// the agency's ledger.
/// </summary>
public sealed class ExchangeGrain(BrandFreezeStore freezes) : Grain, IExchangeGrain
{
    public async Task<FireDecision> DecideFire(string pushId) =>
        await StorageCalls.Guard(() => freezes.HoldsPushAsync(GrainKeys.Split(this.GetPrimaryKeyString()).AgencyId, pushId))
            ? FireDecision.Hold
            : FireDecision.Fire;

    public Task FireEnded(string pushId) => Task.CompletedTask;

    public Task PushSettled(string pushId, PushStatus status, string? detail)
    {
        var (agencyId, _) = GrainKeys.Split(this.GetPrimaryKeyString());
        return GrainFactory.GetGrain<IExchangeLedgerGrain>(ExchangeLedger.Key(agencyId)).Settle(pushId);
    }

    /// <summary>An exchange has no gates or rules: its engagement is recorded and rolled up, nothing more.</summary>
    public Task MetricsRecorded(string pushId) => Task.CompletedTask;
}
