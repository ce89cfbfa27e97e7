using Campaigns.Application.Common;
using Campaigns.Grains.Abstractions.Common;
using Mediator;

namespace Campaigns.Application.Accounts;

/// <summary>Suspend or resume an account (<c>POST /v1/accounts/{id}/suspend|resume</c>).</summary>
public sealed record ChangeAccountStatus(string AgencyId, string AccountId, bool Suspend) : ICommand<Outcome<AccountView>>;

public sealed class ChangeAccountStatusHandler(IGrainFactory grains) : ICommandHandler<ChangeAccountStatus, Outcome<AccountView>>
{
    public async ValueTask<Outcome<AccountView>> Handle(ChangeAccountStatus command, CancellationToken cancellationToken)
    {
        if (AccountLookup.Grain(grains, command.AgencyId, command.AccountId) is not { } grain)
        {
            return AccountLookup.NotFound<AccountView>(command.AccountId);
        }
        var outcome = command.Suspend ? await grain.Suspend() : await grain.Resume();
        return outcome.Map(AccountView.From);
    }
}
