using Campaigns.Application.Reports;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Storage.Exchanges;
using Mediator;

namespace Campaigns.Application.Accounts;

/// <summary>One account of the calling agency (<c>GET /v1/accounts/{id}</c>).</summary>
public sealed record GetAccount(string AgencyId, string AccountId) : IQuery<Outcome<AccountView>>;

public sealed class GetAccountHandler(IGrainFactory grains, LedgerStore ledger, EngagementStats stats) : IQueryHandler<GetAccount, Outcome<AccountView>>
{
    public async ValueTask<Outcome<AccountView>> Handle(GetAccount query, CancellationToken cancellationToken)
    {
        var grain = AccountLookup.Grain(grains, query.AgencyId, query.AccountId);
        if (grain is null || await grain.Get() is not { } account)
        {
            return AccountLookup.NotFound<AccountView>(query.AccountId);
        }
        var totals = await ledger.TotalsAsync(query.AgencyId, [account.Id], cancellationToken);
        var rolledUp = await stats.AccountsAsync(query.AgencyId, [account.Id], cancellationToken);
        return Outcome<AccountView>.Ok(AccountView.From(account) with
        {
            CreditBalance = totals.GetValueOrDefault(account.Id)?.Settled ?? 0,
            Stats = EngagementStatsView.From(rolledUp[account.Id]),
        });
    }
}
