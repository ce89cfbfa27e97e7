using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Campaigns.Gateway.OpenApi;

/// <summary>
/// The document as a whole: its title, the one server (<c>Campaigns:PublicBaseUrl</c>, never a trailing slash),
/// the bearer scheme, a description per tag and the RFC 9457 problem schemas.
/// </summary>
public sealed class DocumentDescription(string publicBaseUrl) : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Agencies"] = "Tenants, created with the admin key; each gets its own API key.",
        ["Accounts"] = "The platform accounts of the agency's matrix: caps, connector, followers, bulk import.",
        ["Products"] = "The agency's catalogue, with sales stats rolled up from every push that carried a product.",
        ["Videos"] = "The content library, with per-platform variants.",
        ["Campaigns"] = "Plan, launch and steer campaigns (matrix, celebrity tie-in, exchange); progress and timeline.",
        ["Reports"] = "A campaign's results as JSON and as an SVG chart.",
        ["Pushes"] = "One publication by one account at one instant, and the engagement reported for it.",
        ["Brands"] = "Freeze and unfreeze everything scheduled for a brand.",
        ["Schedules"] = "Recurring timed pushes drawing from a video queue.",
        ["Exchanges"] = "Reciprocal content swaps between accounts, their matcher and the credit ledger.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Campaigns API",
            Version = "v1",
            Description = "Short-video marketing across a matrix of accounts. Every /v1 operation takes an API key as a bearer "
                + "token, except platform callbacks, which are signed. Errors are RFC 9457 problem details.",
        };
        document.Servers = [new OpenApiServer { Url = publicBaseUrl.TrimEnd('/'), Description = "Campaigns:PublicBaseUrl" }];

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme.Id] = BearerScheme.Scheme();
        ProblemSchemas.Register(document);
        document.Components.Schemas?.Remove(RawBodies.StreamSchemaId); // every use is inlined

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var text))
            {
                tag.Description = text;
            }
        }
        return Task.CompletedTask;
    }
}
