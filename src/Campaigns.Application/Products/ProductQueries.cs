
using Campaigns.Application.Affinity;
using Campaigns.Application.Common;
using Campaigns.Application.Reports;
using Campaigns.Domain.Affinity;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Products;
using Campaigns.Storage.Products;
using FluentValidation;
using Mediator;
namespace Campaigns.Application.Products;

/// <summary>One product (<c>GET /v1/products/{id}</c>).</summary>
public sealed record GetProduct(string AgencyId, string ProductId) : IQuery<Outcome<ProductView>>;

public sealed class GetProductHandler(IGrainFactory grains, EngagementStats stats) : IQueryHandler<GetProduct, Outcome<ProductView>>
{
    public async ValueTask<Outcome<ProductView>> Handle(GetProduct query, CancellationToken cancellationToken)
    {
        if (ProductLookup.Grain(grains, query.AgencyId, query.ProductId) is not { } grain || await grain.Get() is not { } product)
        {
            return EntityLookup.NotFound<ProductView>("Product", query.ProductId);
        }
        var rolledUp = await stats.ProductsAsync(query.AgencyId, [product.Id], cancellationToken);
        return Outcome<ProductView>.Ok(ProductView.From(product, rolledUp[product.Id]));
    }
}

/// <summary>The agency's products, optionally by tag, in creation order (<c>GET /v1/products</c>).</summary>
public sealed record ListProducts(string AgencyId, string? Tag, int? Limit, string? Cursor) : IQuery<Page<ProductView>>;

public sealed class ListProductsValidator : AbstractValidator<ListProducts>
{
    public ListProductsValidator()
    {
        RuleFor(q => q.Tag).Must(t => t is null || Tags.Normalize(t).Length > 0).WithMessage("Must not be blank.");
        RuleFor(q => q.Limit).PageLimit();
        RuleFor(q => q.Cursor).Cursor();
    }
}

public sealed class ListProductsHandler(ProductStore products, EngagementStats stats) : IQueryHandler<ListProducts, Page<ProductView>>
{
    public async ValueTask<Page<ProductView>> Handle(ListProducts query, CancellationToken cancellationToken)
    {
        PageCursor.TryDecode(query.Cursor, out var after);
        var (documents, hasMore) = await products.ListAsync(new CatalogueQuery(
            query.AgencyId, query.Tag is null ? null : Tags.Normalize(query.Tag), null, null, after,
            query.Limit ?? PageCursor.DefaultLimit), cancellationToken);
        var snapshots = documents.Select(Documents.Deserialize<ProductSnapshot>).ToList();
        var rolledUp = await stats.ProductsAsync(query.AgencyId, snapshots.Select(p => p.Id).ToList(), cancellationToken);
        var items = snapshots.Select(p => ProductView.From(p, rolledUp[p.Id])).ToList();
        return new Page<ProductView>(items, hasMore ? PageCursor.Encode(items[^1].Id) : null);
    }
}

/// <summary>The agency's active accounts ranked by affinity to a product (<c>GET /v1/products/{id}/matches</c>).</summary>
public sealed record GetProductMatches(string AgencyId, string ProductId, int? Limit, string? Platform, string? Kind)
    : IQuery<Outcome<MatchList>>, IMatchesQuery;

public sealed class GetProductMatchesValidator : MatchesQueryValidator<GetProductMatches>;

public sealed class GetProductMatchesHandler(IGrainFactory grains, AccountRanker ranker) : IQueryHandler<GetProductMatches, Outcome<MatchList>>
{
    public async ValueTask<Outcome<MatchList>> Handle(GetProductMatches query, CancellationToken cancellationToken)
    {
        if (ProductLookup.Grain(grains, query.AgencyId, query.ProductId) is not { } grain || await grain.Get() is not { } product)
        {
            return EntityLookup.NotFound<MatchList>("Product", query.ProductId);
        }
        return Outcome<MatchList>.Ok(await ranker.MatchListAsync(query.AgencyId, ContentTerms.From(product.Tags, product.HotKeywords), query, cancellationToken));
    }
}
