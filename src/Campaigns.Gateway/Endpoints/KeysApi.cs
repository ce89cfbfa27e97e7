using Campaigns.Application.Agencies;
using Campaigns.Application.Common;
using Campaigns.Gateway.Auth;
using Campaigns.Gateway.Errors;
using Campaigns.Gateway.Idempotency;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Campaigns.Gateway.Endpoints;

/// <summary><c>/v1/keys</c>: the calling agency's API keys — issue another, list them (never the secrets), revoke one.</summary>
public static class KeysApi
{
    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/keys").WithTags("Keys").RequireAuthorization(AuthNames.AgencyPolicy);

        group.MapPost("/", [RedactOnReplay("apiKey")] async (CreateApiKey body, HttpContext http, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(body with { AgencyId = http.User.AgencyId() }, ct)).ToCreated())
            .WithName("CreateKey").WithSummary("Issue another API key for this agency (the key is shown once)")
            .Produces<CreatedApiKey>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/", async (HttpContext http, IMediator mediator, CancellationToken ct, int? limit, string? cursor) =>
                TypedResults.Ok(await mediator.Send(new ListApiKeys(http.User.AgencyId(), limit, cursor), ct)))
            .WithName("ListKeys").WithSummary("List this agency's API keys: id, name, createdAt, lastUsedAt; never the key")
            .Produces<Page<ApiKeyView>>().ProducesValidationProblem();

        group.MapDelete("/{id}", async (string id, HttpContext http, IMediator mediator, CancellationToken ct) =>
                await mediator.Send(new DeleteApiKey(http.User.AgencyId(), id), ct) is { Error: { } error }
                    ? OutcomeResults.Problem(error)
                    : TypedResults.NoContent())
            .WithName("DeleteKey").WithSummary("Revoke an API key: refused on every silo within 5 s; the agency's last key cannot be deleted")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }
}
