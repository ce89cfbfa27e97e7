using Campaigns.Grains.Abstractions.Common;
using Mediator;

namespace Campaigns.Application.Accounts;

/// <summary>One account of the calling agency (<c>GET /v1/accounts/{id}</c>).</summary>
public sealed record GetAccount(string AgencyId, string AccountId) : IQuery<Outcome<AccountView>>;

public sealed class GetAccountHandler(IGrainFactory grains) : IQueryHandler<GetAccount, Outcome<AccountView>>
{
    public async ValueTask<Outcome<AccountView>> Handle(GetAccount query, CancellationToken cancellationToken)
    {
        var grain = AccountLookup.Grain(grains, query.AgencyId, query.AccountId);
        return grain is not null && await grain.Get() is { } account
            ? Outcome<AccountView>.Ok(AccountView.From(account))
            : AccountLookup.NotFound<AccountView>(query.AccountId);
    }
}
