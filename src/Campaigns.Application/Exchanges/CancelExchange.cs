using Campaigns.Application.Common;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Exchanges;
using Campaigns.Storage.Exchanges;
using Mediator;

namespace Campaigns.Application.Exchanges;

/// <summary>
/// Cancel a standalone exchange (<c>POST /v1/exchanges/{id}/cancel</c>): its pushes that have not fired are cancelled
/// and their reserved credits released. 409 when a campaign owns it or nothing is left to cancel.
/// </summary>
public sealed record CancelExchange(string AgencyId, string ExchangeId) : ICommand<Outcome<ExchangeView>>;

public sealed class CancelExchangeHandler(IGrainFactory grains, ExchangeStore exchanges) : ICommandHandler<CancelExchange, Outcome<ExchangeView>>
{
    public async ValueTask<Outcome<ExchangeView>> Handle(CancelExchange command, CancellationToken cancellationToken)
    {
        if (!Ids.HasShape(command.ExchangeId, ExchangeLedger.Prefix))
        {
            return EntityLookup.NotFound<ExchangeView>("Exchange", command.ExchangeId);
        }
        var outcome = await grains.GetGrain<IExchangeLedgerGrain>(ExchangeLedger.Key(command.AgencyId)).Cancel(command.ExchangeId);
        if (outcome.Error is { } error)
        {
            return new Outcome<ExchangeView>(null, error);
        }
        return await new GetExchangeHandler(exchanges).Handle(new GetExchange(command.AgencyId, command.ExchangeId), cancellationToken);
    }
}
