using Campaigns.Application.Accounts;
using Campaigns.Application.Common;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Exchanges;
using Campaigns.Storage.Exchanges;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;

namespace Campaigns.Application.Exchanges;

/// <summary>One ledger entry: +credits for posting the counterparty's content (<c>hosted</c>), −credits for being posted by it (<c>promoted</c>).</summary>
public sealed record LedgerEntryView(string Id, DateTimeOffset At, long Amount, string Reason, string CounterpartyId, string ExchangeId, string PushId, long BalanceAfter);

/// <summary>
/// An account's credit ledger: the settled <see cref="Balance"/>; the credits of pushes still pending it would earn
/// (<see cref="PendingIn"/>) or pay (<see cref="PendingOut"/>); the <see cref="Projected"/> balance once they all publish;
/// the range they could lead to (<see cref="Lowest"/>..<see cref="Highest"/>), which stays within ±<see cref="CreditLimit"/>;
/// and a page of entries, oldest first.
/// </summary>
public sealed record LedgerView(
    string AccountId,
    long Balance,
    long PendingIn,
    long PendingOut,
    long Projected,
    long Lowest,
    long Highest,
    long CreditLimit,
    IReadOnlyList<LedgerEntryView> Entries,
    string? NextCursor);

/// <summary>An account's credit ledger (<c>GET /v1/accounts/{id}/ledger</c>).</summary>
public sealed record GetLedger(string AgencyId, string AccountId, int? Limit, string? Cursor) : IQuery<Outcome<LedgerView>>;

public sealed class GetLedgerValidator : AbstractValidator<GetLedger>
{
    public GetLedgerValidator()
    {
        RuleFor(q => q.Limit).PageLimit();
        RuleFor(q => q.Cursor).Cursor();
    }
}

public sealed class GetLedgerHandler(IGrainFactory grains, LedgerStore ledger, IOptions<ExchangeOptions> options) : IQueryHandler<GetLedger, Outcome<LedgerView>>
{
    public async ValueTask<Outcome<LedgerView>> Handle(GetLedger query, CancellationToken cancellationToken)
    {
        if (AccountLookup.Grain(grains, query.AgencyId, query.AccountId) is not { } grain || await grain.Get() is null)
        {
            return AccountLookup.NotFound<LedgerView>(query.AccountId);
        }
        PageCursor.TryDecode(query.Cursor, out var after);
        var totals = (await ledger.TotalsAsync(query.AgencyId, [query.AccountId], cancellationToken)).GetValueOrDefault(query.AccountId)
            ?? new CreditTotals(0, 0, 0);
        var (rows, hasMore) = await ledger.EntriesAsync(query.AgencyId, query.AccountId, after, query.Limit ?? PageCursor.DefaultLimit, cancellationToken);
        var position = new Domain.Exchanges.CreditPosition(totals.Settled, totals.PendingIn, totals.PendingOut);
        return Outcome<LedgerView>.Ok(new LedgerView(
            query.AccountId, position.Settled, position.PendingIn, position.PendingOut, position.Projected, position.Lowest, position.Highest,
            options.Value.CreditLimit,
            rows.Select(r => new LedgerEntryView(r.Id, DateTimeOffset.FromUnixTimeMilliseconds(r.At), r.Amount, r.Reason, r.CounterpartyId,
                r.ExchangeId, r.PushId, r.BalanceAfter)).ToList(),
            hasMore ? PageCursor.Encode(rows[^1].Id) : null));
    }
}
