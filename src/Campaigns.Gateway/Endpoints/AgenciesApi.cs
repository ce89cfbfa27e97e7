using Campaigns.Application.Agencies;
using Campaigns.Gateway.Auth;
using Campaigns.Gateway.Errors;
using Campaigns.Gateway.Idempotency;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Campaigns.Gateway.Endpoints;

/// <summary><c>/v1/agencies</c>: tenants, created with the admin key.</summary>
public static class AgenciesApi
{
    public static IEndpointRouteBuilder MapAgenciesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/agencies", [RedactOnReplay("apiKey")] async (CreateAgency body, IMediator mediator, CancellationToken ct) =>
                (await mediator.Send(body, ct)).ToCreated())
            .RequireAuthorization(AuthNames.AdminPolicy)
            .WithTags("Agencies").WithName("CreateAgency").WithSummary("Create an agency and return its API key (shown once)")
            .Produces<CreatedAgency>(StatusCodes.Status201Created).ProducesValidationProblem();
        return app;
    }
}
