using Campaigns.Domain.Common;
using Campaigns.Domain.Pushes;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Common;
using Campaigns.Storage.Exchanges;
using Microsoft.Extensions.Logging;
namespace Campaigns.Grains.Exchanges;

/// <summary>
/// Settling the ledger's pending legs once their pushes have settled: a published push's credits move from the owner to
/// the host, any other outcome releases them. Each leg settles in its own conditional transaction, so settling again
/// (a repeated call, the reconciliation) changes nothing twice. The ledger grain calls this one settlement at a time.
/// </summary>
public sealed class LedgerSettlement(LedgerStore ledger, TimeProvider clock, ILogger<LedgerSettlement> logger)
{
    private const int SettleBatch = 500;

    /// <summary>Settles the pending legs of one push, or of every push of the agency that has settled.</summary>
    public async Task SettleAsync(string agencyId, string? pushId)
    {
        while (true)
        {
            var legs = await StorageCalls.Guard(() => ledger.SettleableAsync(agencyId, pushId, SettleBatch));
            foreach (var leg in legs)
            {
                var changed = await StorageCalls.Guard(() => ledger.SettleAsync(agencyId, leg, clock.GetUtcNow().ToUnixTimeMilliseconds(), () => Ids.New("led", clock)));
                if (changed)
                {
                    logger.LogDebug("Exchange {ExchangeId}: push {PushId} {Status}, {Credits} credits {Outcome}", leg.ExchangeId, leg.PushId,
                        leg.PushStatus, leg.Credits, leg.PushStatus == WireName<PushStatus>.Of(PushStatus.Published) ? "settled" : "released");
                }
            }
            if (legs.Count < SettleBatch)
            {
                return;
            }
        }
    }
}
