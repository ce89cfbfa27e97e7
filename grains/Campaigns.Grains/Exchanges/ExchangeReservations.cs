using Campaigns.Domain.Common;
using Campaigns.Domain.Exchanges;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Exchanges;
using Campaigns.Grains.Common;
using Campaigns.Scheduling.Pushes;
using Campaigns.Storage.Accounts;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Exchanges;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
namespace Campaigns.Grains.Exchanges;

/// <summary>
/// Reserving exchanges for the ledger grain: each exchange, its two legs of pending credits and its two pushes are
/// stored in one transaction, and only when every account stays within the credit limit counting them; then the pushes'
/// triggers. Also reads a reserved exchange back. The ledger grain calls this one reservation at a time per agency.
/// </summary>
public sealed class ExchangeReservations(
    ExchangeStore exchanges,
    AccountStore accounts,
    PushTriggers triggers,
    IOptions<ExchangeOptions> options,
    TimeProvider clock,
    ILogger<ExchangeReservations> logger)
{
    public async Task<Outcome<List<ExchangeSnapshot>>> ReserveAsync(string agencyId, string? campaignId, List<ExchangeDraft> drafts)
    {
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

    /// <summary>A reserved exchange, or null when the agency has none of that id.</summary>
    public async Task<ExchangeSnapshot?> FindAsync(string agencyId, string exchangeId) =>
        await StorageCalls.Guard(() => exchanges.GetAsync(agencyId, exchangeId)) is { } document
            ? Documents.Deserialize<ExchangeSnapshot>(document)
            : null;

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
}
