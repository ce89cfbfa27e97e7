using Campaigns.Application.Reports;
using Campaigns.Grains.Abstractions.Common;
using Mediator;

namespace Campaigns.Application.Accounts;

/// <summary>One account of the calling agency (<c>GET /v1/accounts/{id}</c>).</summary>
public sealed record GetAccount(string AgencyId, string AccountId) : IQuery<Outcome<AccountView>>;

public sealed class GetAccountHandler(IGrainFactory grains, EngagementStats stats) : IQueryHandler<GetAccount, Outcome<AccountView>>
{
    public async ValueTask<Outcome<AccountView>> Handle(GetAccount query, CancellationToken cancellationToken)
    {
        var grain = AccountLookup.Grain(grains, query.AgencyId, query.AccountId);
        if (grain is null || await grain.Get() is not { } account)
        {
            return AccountLookup.NotFound<AccountView>(query.AccountId);
        }
        var rolledUp = await stats.AccountsAsync(query.AgencyId, [account.Id], cancellationToken);
        return Outcome<AccountView>.Ok(AccountView.From(account) with { Stats = EngagementStatsView.From(rolledUp[account.Id]) });
    }
}
