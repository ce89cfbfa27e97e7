using Campaigns.Application.Common;
using Campaigns.Application.Exchanges;
using Campaigns.Gateway.Auth;
using Campaigns.Gateway.Errors;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Campaigns.Gateway.Endpoints;

/// <summary><c>/v1/exchanges</c>: resource exchanges between accounts, their matcher, and each account's credit ledger.</summary>
public static class ExchangesApi
{
    public static IEndpointRouteBuilder MapExchangesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/exchanges").WithTags("Exchanges").RequireAuthorization(AuthNames.AgencyPolicy);

        group.MapPost("/", async (CreateExchange body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(body with { AgencyId = http.User.AgencyId() }, ct)).ToCreated(e => $"/v1/exchanges/{e.Id}"))
            .WithName("CreateExchange")
            .WithSummary("Exchange content between two accounts: at 'at', B posts A's video and A posts B's; both pushes are scheduled "
                + "and their credits reserved, or 422 when either account's balance could leave the credit limit")
            .Produces<ExchangeView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/match", async (MatchExchanges body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(body with { AgencyId = http.User.AgencyId() }, ct)).ToOk())
            .WithName("MatchExchanges")
            .WithSummary("Propose fair pairs among an account set (alike audiences, comparable reach, within the credit limit, no account "
                + "twice); changes nothing")
            .Produces<MatchView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapGet("/", async (HttpContext http, IMediator mediator, CancellationToken ct, string? accountId, string? campaignId, int? limit, string? cursor) =>
                TypedResults.Ok(await mediator.Send(new ListExchanges(http.User.AgencyId(), accountId, campaignId, limit, cursor), ct)))
            .WithName("ListExchanges").WithSummary("List exchanges in creation order, optionally of one account (either side) or one campaign")
            .Produces<Page<ExchangeView>>().ProducesValidationProblem();

        group.MapGet("/{id}", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new GetExchange(http.User.AgencyId(), id), ct)).ToOk())
            .WithName("GetExchange").WithSummary("Get an exchange with the status and settlement of both its pushes")
            .Produces<ExchangeView>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id}/cancel", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(new CancelExchange(http.User.AgencyId(), id), ct)).ToOk())
            .WithName("CancelExchange")
            .WithSummary("Cancel a standalone exchange: its pushes that have not fired are cancelled and their reserved credits released; "
                + "409 when a campaign owns it (steer the campaign) or neither push is left to cancel")
            .Produces<ExchangeView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet("/v1/accounts/{id}/ledger", async (string id, HttpContext http, IMediator mediator, CancellationToken ct, int? limit, string? cursor) =>
                (await mediator.Send(new GetLedger(http.User.AgencyId(), id, limit, cursor), ct)).ToOk())
            .RequireAuthorization(AuthNames.AgencyPolicy).WithTags("Exchanges")
            .WithName("GetLedger")
            .WithSummary("An account's exchange credits: settled balance, pending credits, the range they could lead to, and entries oldest first")
            .Produces<LedgerView>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
