using Campaigns.Application.Accounts;
using Campaigns.Application.Campaigns;
using Campaigns.Application.Common;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Exchanges;
using Campaigns.Storage.Exchanges;
using FluentValidation;
using Mediator;

namespace Campaigns.Application.Exchanges;

/// <summary>One exchange (<c>GET /v1/exchanges/{id}</c>).</summary>
public sealed record GetExchange(string AgencyId, string ExchangeId) : IQuery<Outcome<ExchangeView>>;

public sealed class GetExchangeHandler(ExchangeStore exchanges) : IQueryHandler<GetExchange, Outcome<ExchangeView>>
{
    public async ValueTask<Outcome<ExchangeView>> Handle(GetExchange query, CancellationToken cancellationToken)
    {
        if (!Ids.HasShape(query.ExchangeId, ExchangeLedger.Prefix)
            || await exchanges.GetAsync(query.AgencyId, query.ExchangeId, cancellationToken) is not { } document)
        {
            return EntityLookup.NotFound<ExchangeView>("Exchange", query.ExchangeId);
        }
        var views = await ExchangeViews.BuildAsync(exchanges, query.AgencyId, ExchangeViews.Read([document]), cancellationToken);
        return Outcome<ExchangeView>.Ok(views[0]);
    }
}

/// <summary>The agency's exchanges in creation order, optionally of one account or one campaign (<c>GET /v1/exchanges</c>).</summary>
public sealed record ListExchanges(string AgencyId, string? AccountId, string? CampaignId, int? Limit, string? Cursor) : IQuery<Page<ExchangeView>>;

public sealed class ListExchangesValidator : AbstractValidator<ListExchanges>
{
    public ListExchangesValidator()
    {
        RuleFor(q => q.AccountId).Must(id => id is null || Ids.HasShape(id, AccountLookup.Prefix)).WithMessage("Is not an account id.");
        RuleFor(q => q.CampaignId).Must(id => id is null || Ids.HasShape(id, CampaignLookup.Prefix)).WithMessage("Is not a campaign id.");
        RuleFor(q => q.Limit).PageLimit();
        RuleFor(q => q.Cursor).Cursor();
    }
}

public sealed class ListExchangesHandler(ExchangeStore exchanges) : IQueryHandler<ListExchanges, Page<ExchangeView>>
{
    public async ValueTask<Page<ExchangeView>> Handle(ListExchanges query, CancellationToken cancellationToken)
    {
        PageCursor.TryDecode(query.Cursor, out var after);
        var (documents, hasMore) = await exchanges.ListAsync(query.AgencyId, query.AccountId, query.CampaignId, after,
            query.Limit ?? PageCursor.DefaultLimit, cancellationToken);
        var items = await ExchangeViews.BuildAsync(exchanges, query.AgencyId, ExchangeViews.Read(documents), cancellationToken);
        return new Page<ExchangeView>(items, hasMore ? PageCursor.Encode(items[^1].Id) : null);
    }
}
