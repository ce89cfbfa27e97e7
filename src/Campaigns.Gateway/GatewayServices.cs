using System.Text.Json.Serialization;
using Campaigns.Gateway.Auth;
using Campaigns.Gateway.Endpoints;
using Campaigns.Gateway.Errors;
using Campaigns.Gateway.Idempotency;
using Campaigns.Gateway.Limits;
using Campaigns.Gateway.OpenApi;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Campaigns.Gateway;

/// <summary>Wires the HTTP gateway: JSON, problem details, authentication, idempotency, OpenAPI and the endpoints.</summary>
public static class GatewayServices
{
    /// <summary>The largest request body accepted by default, in bytes; an endpoint may raise it (see <see cref="RequestBodyLimit"/>).</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>Registers the gateway's services; <paramref name="publicBaseUrl"/> is <c>Campaigns:PublicBaseUrl</c>, the document's server.</summary>
    public static IServiceCollection AddGateway(this IServiceCollection services, AdminKey adminKey, string publicBaseUrl)
    {
        services.AddSingleton(adminKey);
        services.AddSingleton<ClientThrottle>();
        services.AddSingleton<Telemetry.GatewayMetrics>();
        services.AddOptions<ProxyOptions>()
            .BindConfiguration(ProxyOptions.Section)
            .Validate(o => o.Problem() is null, "Invalid Campaigns:Gateway settings: KnownProxies must be IP addresses, KnownNetworks CIDR networks.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxies) => proxies.Value.Apply(forwarded));
        services.Configure<JsonOptions>(o =>
        {
            // An unknown field is far more often a typo than a feature: refuse it and name it.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // The W3C trace id of the request, as logs and exported traces carry it, so a client's report leads to both.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToHexString() ?? c.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<GatewayExceptionHandler>();
        services.AddAuthentication(AuthNames.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthNames.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthNames.AgencyPolicy, p => p.RequireClaim(AuthNames.AgencyClaim))
            .AddPolicy(AuthNames.AdminPolicy, p => p.RequireRole(AuthNames.AdminRole));
        services.AddAgencyRateLimit();
        services.AddApiDocument(publicBaseUrl);
        return services;
    }

    /// <summary>
    /// The middleware order matters: the client address first (forwarded headers, only from configured proxies), errors
    /// outermost, then routing, authentication, the throttle of requests without a valid key, authorization, the
    /// agencies' rate limit, idempotency, endpoints.
    /// </summary>
    public static WebApplication UseGateway(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.Any)
        {
            app.UseForwardedHeaders();
        }
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        // After routing, so the matched endpoint's own limit applies; before anything reads the body.
        app.UseMiddleware<BodySizeLimitMiddleware>();
        app.UseAuthentication();
        // Before authorization, which would answer 401 without counting; after authentication, which tells who has a valid key.
        app.UseMiddleware<UnauthenticatedThrottleMiddleware>();
        app.UseAuthorization();
        // After authentication, which names the agency it counts against; before idempotency, so a refused request is
        // not remembered as the answer to its key.
        app.UseRateLimiter();
        app.UseMiddleware<IdempotencyMiddleware>();
        return app;
    }

    public static IEndpointRouteBuilder MapGateway(this IEndpointRouteBuilder app)
    {
        app.MapApiDocument();
        app.MapAgenciesApi();
        app.MapKeysApi();
        app.MapAccountsApi();
        app.MapOAuthApi();
        app.MapProductsApi();
        app.MapVideosApi();
        app.MapCampaignsApi();
        app.MapReportsApi();
        app.MapSchedulesApi();
        app.MapExchangesApi();
        return app;
    }
}
