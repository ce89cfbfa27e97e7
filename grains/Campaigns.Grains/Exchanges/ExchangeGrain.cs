using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Exchanges;

namespace Campaigns.Grains.Exchanges;

/// <summary>
/// The owner of a standalone exchange's two pushes. Stateless: an exchange never changes once reserved, so its pushes
/// always fire, and each one that settles is handed to the agency's ledger.
/// </summary>
public sealed class ExchangeGrain : Grain, IExchangeGrain
{
    public Task<FireDecision> DecideFire(string pushId) => Task.FromResult(FireDecision.Fire);

    public Task FireEnded(string pushId) => Task.CompletedTask;

    public Task PushSettled(string pushId, string status, string? detail)
    {
        var (agencyId, _) = GrainKeys.Split(this.GetPrimaryKeyString());
        return GrainFactory.GetGrain<IExchangeLedgerGrain>(ExchangeLedger.Key(agencyId)).Settle(pushId);
    }

    /// <summary>An exchange has no gates or rules: its engagement is recorded and rolled up, nothing more.</summary>
    public Task MetricsRecorded(string pushId) => Task.CompletedTask;
}
