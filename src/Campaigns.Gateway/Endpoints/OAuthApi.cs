using Campaigns.Application.Accounts.Connect;
using Campaigns.Gateway.Errors;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Campaigns.Gateway.Endpoints;

/// <summary><c>/v1/oauth</c>: where the platforms send a user back after their consent page. No API key: the state is the proof.</summary>
public static class OAuthApi
{
    public static IEndpointRouteBuilder MapOAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/oauth/{type}/callback", async (string type, string? code, string? state, string? error, IMediator mediator, CancellationToken ct) =>
            {
                var outcome = await mediator.Send(new CompleteConnect(type, code, state, error), ct);
                return outcome.Error is null ? ConnectPage.For(outcome.Value!) : OutcomeResults.Problem(outcome.Error);
            })
            .AllowAnonymous().WithTags("Accounts")
            .WithName("CompleteConnect")
            .WithSummary("A platform's OAuth callback (the redirect_uri of POST /v1/accounts/{id}/connect), opened by the user's browser → "
                + "200 text/html 'connected' page, or a page saying the user declined (error=access_denied; nothing stored). "
                + "400 when the state is unknown, used or expired (nothing stored), or the platform refused the code; "
                + "422 when the platform could not be reached to exchange it. Either way the state is used up: connect again")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }
}
