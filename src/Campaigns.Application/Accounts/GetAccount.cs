using Campaigns.Application.Reports;
using Campaigns.Grains.Abstractions.Common;
using Mediator;

namespace Campaigns.Application.Accounts;

/// <summary>One account of the calling agency (<c>GET /v1/accounts/{id}</c>).</summary>
public sealed record GetAccount(string AgencyId, string AccountId) : IQuery<Outcome<AccountView>>;

public sealed class GetAccountHandler(IGrainFactory grains, AccountPageFigures figures) : IQueryHandler<GetAccount, Outcome<AccountView>>
{
    public async ValueTask<Outcome<AccountView>> Handle(GetAccount query, CancellationToken cancellationToken)
    {
        var grain = AccountLookup.Grain(grains, query.AgencyId, query.AccountId);
        if (grain is null || await grain.Get() is not { } account)
        {
            return AccountLookup.NotFound<AccountView>(query.AccountId);
        }
        var read = await figures.ReadAsync(query.AgencyId, account.Id, cancellationToken);
        return Outcome<AccountView>.Ok(AccountView.From(account) with
        {
            CreditBalance = read.SettledCredits,
            Stats = EngagementStatsView.From(EngagementStats.Totals(read.Engagement)),
        });
    }
}
