using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Campaigns.Gateway.OpenApi;

/// <summary>
/// The web JSON defaults also read numbers written as strings, so the framework types every number as
/// "number or string matching a pattern". The server always writes numbers as numbers and clients should send them
/// so: the document says "number", which generators turn into numeric properties instead of <c>object</c>.
/// </summary>
public sealed class NumberSchemas : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Type is { } type
            && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0
            && (type & JsonSchemaType.String) != 0)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        return Task.CompletedTask;
    }
}
