
using Campaigns.Domain.Pushes;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Exchanges;
using Campaigns.Grains.Abstractions.Pushes;
using Campaigns.Grains.Brands;
using Campaigns.Storage.Pushes;
namespace Campaigns.Grains.Exchanges;

/// <summary>
/// The owner of a standalone exchange's two pushes. Stateless: its pushes fire unless their brand is frozen (a
/// cancelled exchange's pushes are cancelled in the database and never asked), and each one that settles is handed to
/// the agency's ledger.
/// </summary>
public sealed class ExchangeGrain(PushQueries pushes) : Grain, IExchangeGrain
{
    private string AgencyId => GrainKeys.Split(this.GetPrimaryKeyString()).AgencyId;

    public Task<FireDecision> DecideFire(string pushId) => BrandHolds.DecideAsync(GrainFactory, pushes, AgencyId, pushId);

    public Task FireEnded(string pushId) => Task.CompletedTask;

    /// <summary>One-way to the ledger: should it be lost, the ledger's durable reconciliation settles the credits.</summary>
    public Task PushSettled(string pushId, PushStatus status, string? detail) =>
        GrainFactory.GetGrain<IExchangeLedgerGrain>(ExchangeLedger.Key(AgencyId)).Settle(pushId);

    /// <summary>An exchange has no gates or rules: its engagement is recorded and rolled up, nothing more.</summary>
    public Task MetricsRecorded(IReadOnlyList<string> pushIds) => Task.CompletedTask;
}
