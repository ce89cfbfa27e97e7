using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Scalar.AspNetCore;

namespace Campaigns.Gateway.OpenApi;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and its browsable reference at <c>/docs</c>.</summary>
public static class OpenApiSetup
{
    public const string DocumentRoute = "/openapi/{documentName}.json";
    public const string ReferenceRoute = "/docs";

    /// <summary>The document, with <paramref name="publicBaseUrl"/> (<c>Campaigns:PublicBaseUrl</c>) as its server.</summary>
    public static IServiceCollection AddApiDocument(this IServiceCollection services, string publicBaseUrl) =>
        services.AddOpenApi(o =>
        {
            o.AddSchemaTransformer<NumberSchemas>();
            o.AddOperationTransformer<OperationConventions>();
            o.AddDocumentTransformer(new DocumentDescription(publicBaseUrl));
        });

    /// <summary>
    /// Maps the document and the reference. The reference's scripts ship inside Scalar.AspNetCore and are served by
    /// the host; its CDN fonts, telemetry and AI agent are turned off so the page works with no internet at all.
    /// </summary>
    public static IEndpointRouteBuilder MapApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentRoute);
        app.MapScalarApiReference(ReferenceRoute, o => o
            .WithTitle("Campaigns API")
            .WithOpenApiRoutePattern(DocumentRoute)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp());
        return app;
    }
}
