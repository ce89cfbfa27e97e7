using System.Globalization;
using Microsoft.OpenApi;

namespace Campaigns.Gateway.OpenApi;

/// <summary>The error responses of one operation, each with every reason it can occur, written as problem responses.</summary>
internal sealed class Refusals
{
    private readonly SortedDictionary<int, List<string>> _reasons = [];

    public void Add(int status, string reason)
    {
        if (!_reasons.TryGetValue(status, out var reasons))
        {
            _reasons[status] = reasons = [];
        }
        if (!reasons.Contains(reason))
        {
            reasons.Add(reason);
        }
    }

    public void WriteTo(OpenApiOperation operation, OpenApiDocument? document)
    {
        operation.Responses ??= [];
        foreach (var (status, reasons) in _reasons)
        {
            var response = ProblemSchemas.Response(status, string.Join(" Or: ", reasons), document);
            if (status == 429)
            {
                response.Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["Retry-After"] = new OpenApiHeader
                    {
                        Description = "Whole seconds to wait before retrying.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
                    },
                };
            }
            operation.Responses[status.ToString(CultureInfo.InvariantCulture)] = response;
        }
        // Statuses in numeric order, so the reference reads success first, then each refusal.
        var ordered = operation.Responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        operation.Responses.Clear();
        foreach (var (status, response) in ordered)
        {
            operation.Responses[status] = response;
        }
    }
}
