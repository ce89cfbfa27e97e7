using Microsoft.OpenApi;

namespace Campaigns.Gateway.OpenApi;

/// <summary>The one security scheme: an API key (an agency's or the admin key) sent as a bearer token.</summary>
public static class BearerScheme
{
    public const string Id = "apiKey";

    public static OpenApiSecurityScheme Scheme() => new()
    {
        Type = SecuritySchemeType.Http,
        Scheme = "bearer",
        BearerFormat = "API key",
        Description = "An agency's API key (shown once when it is issued), or the admin key for admin operations, as "
            + "'Authorization: Bearer <key>'.",
    };

    /// <summary>Requires the scheme, registering it in the document first so the reference resolves when written.</summary>
    public static OpenApiSecurityRequirement Requirement(OpenApiDocument? document)
    {
        if (document is not null)
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes.TryAdd(Id, Scheme());
        }
        return new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Id, document)] = [] };
    }
}
