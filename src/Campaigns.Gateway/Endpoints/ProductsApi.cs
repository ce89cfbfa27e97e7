using Campaigns.Application.Affinity;
using Campaigns.Application.Common;
using Campaigns.Application.Products;
using Campaigns.Application.Products.Import;
using Campaigns.Gateway.Auth;
using Campaigns.Gateway.Errors;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Campaigns.Gateway.Endpoints;

/// <summary><c>/v1/products</c>: the agency's catalogue of products.</summary>
public static class ProductsApi
{
    public static IEndpointRouteBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/products").WithTags("Products").RequireAuthorization(AuthNames.AgencyPolicy);

        group.MapPost("/", async (CreateProduct body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(body with { AgencyId = http.User.AgencyId() }, ct)).ToCreated(p => $"/v1/products/{p.Id}"))
            .WithName("CreateProduct").WithSummary("Add a product; its SKU must be unique within the agency")
            .Produces<ProductView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/", async (HttpContext http, IMediator mediator, CancellationToken ct, string? tag, int? limit, string? cursor) =>
                TypedResults.Ok(await mediator.Send(new ListProducts(http.User.AgencyId(), tag, limit, cursor), ct)))
            .WithName("ListProducts").WithSummary("List products, optionally by tag")
            .Produces<Page<ProductView>>().ProducesValidationProblem();

        group.MapGet("/{id}", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetProduct(http.User.AgencyId(), id), ct)).ToOk())
            .WithName("GetProduct").WithSummary("Get one product with its sales stats")
            .Produces<ProductView>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/matches", async (string id, HttpContext http, IMediator mediator, CancellationToken ct, int? limit, string? platform, string? kind) =>
                (await mediator.Send(new GetProductMatches(http.User.AgencyId(), id, limit, platform, kind), ct)).ToOk())
            .WithName("GetProductMatches").WithSummary("Rank active accounts by how well the product's tags and hot keywords fit their audience")
            .Produces<MatchList>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapImport<CreateProduct>(ProductCsv.ReadAsync, (agencyId, format, rows) => new ImportProducts(agencyId, format, rows), "/v1/products")
            .WithName("ImportProducts")
            .WithSummary($"Create up to {ImportProducts.MaxRows} products from text/csv (header row of the columns sku, title, "
                + "priceAmount, priceCurrency, tags and hotKeywords as a;b;c, shopUrl) " + ImportEndpoint.SummaryRules("POST /v1/products")
                + "; SKUs must be unique (regardless of case) within the file and the agency");

        return app;
    }
}
