using Microsoft.OpenApi;

namespace Campaigns.Gateway.OpenApi;

/// <summary>
/// Bodies that are files rather than JSON (CSV and NDJSON imports, the SVG chart) are described inline as
/// <c>{type: string, format: binary}</c>. The framework puts that schema behind a reference named after the CLR type
/// (<c>Stream</c>); generators only recognise a file inline and would otherwise send a CSV as a JSON string.
/// </summary>
public static class RawBodies
{
    public const string StreamSchemaId = "Stream";

    public static void Inline(OpenApiOperation operation)
    {
        Inline(operation.RequestBody?.Content);
        foreach (var response in operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>())
        {
            Inline(response.Content);
        }
    }

    private static void Inline(IDictionary<string, OpenApiMediaType>? content)
    {
        foreach (var (mediaType, body) in content ?? new Dictionary<string, OpenApiMediaType>())
        {
            var json = mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
            if (!json && body.Schema is OpenApiSchemaReference)
            {
                body.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
            }
        }
    }
}
