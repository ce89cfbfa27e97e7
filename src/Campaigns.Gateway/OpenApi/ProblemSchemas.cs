using Microsoft.OpenApi;

namespace Campaigns.Gateway.OpenApi;

/// <summary>
/// The RFC 9457 problem shapes every error response uses. The framework's own schemas for these types forbid extra
/// members and type <c>status</c> as "integer or string"; ours allow the extension members we send (<c>traceId</c>)
/// and keep <c>status</c> an integer, so generated clients read them as plain problem objects.
/// </summary>
public static class ProblemSchemas
{
    public const string MediaType = "application/problem+json";
    public const string ProblemId = "ProblemDetails";
    public const string ValidationProblemId = "HttpValidationProblemDetails";

    /// <summary>Puts both schemas into the document's components, replacing what the framework generated.</summary>
    public static void Register(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemId] = Problem(withErrors: false);
        document.Components.Schemas[ValidationProblemId] = Problem(withErrors: true);
    }

    /// <summary>A response whose body is a problem (a validation problem for 400).</summary>
    public static OpenApiResponse Response(int status, string description, OpenApiDocument? document) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [MediaType] = new() { Schema = new OpenApiSchemaReference(status == 400 ? ValidationProblemId : ProblemId, document) },
        },
    };

    private static OpenApiSchema Problem(bool withErrors)
    {
        var properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Text("A URI reference naming the kind of problem.", "uri-reference"),
            ["title"] = Text("A short summary of the kind of problem."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code." },
            ["detail"] = Text("What went wrong with this request, for a person."),
            ["instance"] = Text("A URI reference naming this occurrence.", "uri-reference"),
            ["traceId"] = Text("Identifies the request in the server's logs."),
        };
        if (withErrors)
        {
            properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "For each field at fault (a JSON path such as rows[3].handle), what is wrong with it.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
        }
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = withErrors
                ? "An RFC 9457 problem whose 'errors' names every field at fault; nothing was changed."
                : "An RFC 9457 problem; further members may follow.",
            Properties = properties,
            AdditionalPropertiesAllowed = true,
        };
    }

    private static OpenApiSchema Text(string description, string? format = null) =>
        new() { Type = JsonSchemaType.String, Format = format, Description = description };
}
