using Campaigns.Grains.Abstractions.Exchanges;
using Campaigns.Storage.Exchanges;
using Quartz;

namespace Campaigns.Scheduling.Exchanges;

/// <summary>
/// Every <see cref="ExchangeOptions.ReconcileSeconds"/> on one silo: each agency's ledger settles the legs whose push
/// has settled without the ledger being told (a settlement call lost in a crash, a campaign cancelled in bulk). A
/// grain timer did this before and died with its activation; this job is durable and needs nobody to call.
/// </summary>
[DisallowConcurrentExecution]
public sealed class LedgerReconcileJob(IGrainFactory grains, LedgerStore ledger) : IJob
{
    public static readonly JobKey Key = new("reconcile", "ledger");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        foreach (var agencyId in await ledger.AgenciesToReconcileAsync(cancellationToken))
        {
            await grains.GetGrain<IExchangeLedgerGrain>(ExchangeLedger.Key(agencyId)).Reconcile();
        }
    }
}
