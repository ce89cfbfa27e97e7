using Campaigns.Application.Agencies;
using Campaigns.Gateway.Auth;
using Campaigns.Gateway.Errors;
using Campaigns.Gateway.Idempotency;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Campaigns.Gateway.Endpoints;

/// <summary><c>/v1/agencies</c>: tenants, created with the admin key, which can also issue a key for an agency.</summary>
public static class AgenciesApi
{
    public static IEndpointRouteBuilder MapAgenciesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/agencies", [RedactOnReplay("apiKey")] async (CreateAgency body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(body, ct)).ToCreated())
            .RequireAuthorization(AuthNames.AdminPolicy)
            .WithTags("Agencies").WithName("CreateAgency").WithSummary("Create an agency and return its API key (shown once)")
            .Produces<CreatedAgency>(StatusCodes.Status201Created).ProducesValidationProblem();

        app.MapPost("/v1/agencies/{id}/keys", [RedactOnReplay("apiKey")] async (string id, CreateApiKey body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(body with { AgencyId = id }, ct)).ToCreated())
            .RequireAuthorization(AuthNames.AdminPolicy)
            .WithTags("Agencies").WithName("IssueAgencyKey").WithSummary("Issue an API key for an agency, e.g. one that lost its keys (the key is shown once)")
            .Produces<CreatedApiKey>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }
}
