
using Campaigns.Domain.Common;
using Campaigns.Domain.Exchanges;
using Campaigns.Domain.Pushes;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Exchanges;
using Campaigns.Grains.Common;
using Campaigns.Scheduling.Exchanges;
using Campaigns.Scheduling.Pushes;
using Campaigns.Scheduling;
using Campaigns.Storage.Accounts;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Exchanges;
using Campaigns.Storage.Pushes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
namespace Campaigns.Grains.Exchanges;

/// <summary>
/// The credit ledger of one agency. Reservations and settlements run here one at a time, so a limit check and the
/// reservation it allows cannot interleave with another's. The ledger's durable state is its tables (exchanges, legs,
/// entries), written in transactions; the grain holds nothing in memory. What a lost settlement call left pending is
/// settled by <see cref="Reconcile"/>, which a durable recurring job calls (<c>LedgerReconcileJob</c>).
/// </summary>
public sealed class ExchangeLedgerGrain(
    ExchangeStore exchanges,
    LedgerStore ledger,
    OwnerPushes pushes,
    AccountStore accounts,
    PushTriggers triggers,
    IOptions<ExchangeOptions> options,
    TimeProvider clock,
    ILogger<ExchangeLedgerGrain> logger) : Grain, IExchangeLedgerGrain
{
    private const int SettleBatch = 500;

    private string AgencyId => GrainKeys.Split(this.GetPrimaryKeyString()).AgencyId;

    public async Task<Outcome<List<ExchangeSnapshot>>> Reserve(string? campaignId, List<ExchangeDraft> drafts)
    {
        var agencyId = AgencyId;
        var ids = drafts.SelectMany(d => new[] { d.AccountA, d.AccountB }).Distinct().ToList();
        var docs = await StorageCalls.Guard(() => accounts.DocumentsAsync(agencyId, ids));
        if (ids.FirstOrDefault(id => !docs.ContainsKey(id)) is { } missing)
        {
            return Outcome<List<ExchangeSnapshot>>.Fail(ErrorKind.NotFound, $"Account {missing} was not found.");
        }
        var snapshots = docs.ToDictionary(d => d.Key, d => AccountDocument.Deserialize(d.Value));
        var records = drafts.Select(d => ExchangeRecords.From(agencyId, campaignId, d, snapshots[d.AccountA], snapshots[d.AccountB], clock)).ToList();
        var limit = options.Value.CreditLimit;

        var result = await StorageCalls.Guard(() => exchanges.ReserveAsync(agencyId,
            records.Select(r => r.Row).ToList(),
            records.SelectMany(r => r.Legs).ToList(),
            records.SelectMany(r => r.Pushes).ToList(),
            totals => Refusal(totals, records.SelectMany(r => r.Legs), limit)));
        if (result.Refusal is { } refusal)
        {
            return Outcome<List<ExchangeSnapshot>>.Fail(ErrorKind.Unprocessable, refusal);
        }
        if (!result.Stored)
        {
            // The same campaign pushes again (a launch repeated after a crash): what was reserved then stands.
            var stored = await StorageCalls.Guard(() => exchanges.DocumentsAsync(agencyId, result.ExistingExchangeIds));
            return Outcome<List<ExchangeSnapshot>>.Ok(stored.Values.Select(Documents.Deserialize<ExchangeSnapshot>).OrderBy(s => s.Id, StringComparer.Ordinal).ToList());
        }
        await triggers.EnsureAsync(records.SelectMany(r => r.Pushes).Select(p => DateTimeOffset.FromUnixTimeMilliseconds(p.DueAt)).Distinct());
        logger.LogInformation("Agency {AgencyId}: {Count} exchanges reserved{Campaign}", agencyId, records.Count,
            campaignId is null ? "" : $" for campaign {campaignId}");
        return Outcome<List<ExchangeSnapshot>>.Ok(records.Select(r => r.Snapshot).ToList());
    }

    public Task Settle(string pushId) => SettleAsync(pushId);

    public Task Reconcile() => SettleAsync(null);

    public async Task<Outcome<int>> Cancel(string exchangeId)
    {
        var agencyId = AgencyId;
        if (await StorageCalls.Guard(() => exchanges.GetAsync(agencyId, exchangeId)) is not { } document)
        {
            return Outcome<int>.Fail(ErrorKind.NotFound, $"Exchange {exchangeId} was not found.");
        }
        var exchange = Documents.Deserialize<ExchangeSnapshot>(document);
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
        await SettleAsync(exchange.PushA);
        await SettleAsync(exchange.PushB);
        logger.LogInformation("Agency {AgencyId}: exchange {ExchangeId} cancelled ({Count} pushes)", agencyId, exchangeId, cancelled);
        return Outcome<int>.Ok(cancelled);
    }

    /// <summary>Why these new legs may not be reserved given the accounts' totals, or null when every account stays within the limit.</summary>
    private static string? Refusal(IReadOnlyDictionary<string, CreditTotals> totals, IEnumerable<ExchangeLegRow> legs, long limit)
    {
        var positions = new Dictionary<string, CreditPosition>(StringComparer.Ordinal);
        foreach (var leg in legs)
        {
            positions[leg.HostAccountId] = Position(positions, totals, leg.HostAccountId).Plus(earn: leg.Credits, pay: 0);
            positions[leg.OwnerAccountId] = Position(positions, totals, leg.OwnerAccountId).Plus(earn: 0, pay: leg.Credits);
        }
        var beyond = positions.Where(p => !p.Value.Within(limit)).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p =>
        {
            var before = totals.GetValueOrDefault(p.Key) ?? new CreditTotals(0, 0, 0);
            return $"account {p.Key} could end anywhere from {p.Value.Lowest} to {p.Value.Highest} credits "
                + $"(settled {before.Settled}, pending +{before.PendingIn}/-{before.PendingOut} before it)";
        }).ToList();
        return beyond.Count == 0 ? null : $"Outside the credit limit of ±{limit} with this exchange: {string.Join("; ", beyond)}.";
    }

    private static CreditPosition Position(Dictionary<string, CreditPosition> positions, IReadOnlyDictionary<string, CreditTotals> totals, string accountId) =>
        positions.TryGetValue(accountId, out var position) ? position
        : totals.GetValueOrDefault(accountId) is { } t ? new CreditPosition(t.Settled, t.PendingIn, t.PendingOut)
        : default;

    /// <summary>Settles the pending legs of one push, or of every push of the agency that has settled.</summary>
    private async Task SettleAsync(string? pushId)
    {
        var agencyId = AgencyId;
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
