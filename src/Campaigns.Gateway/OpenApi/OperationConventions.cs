using System.Globalization;
using Campaigns.Gateway.Idempotency;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Campaigns.Gateway.OpenApi;

/// <summary>
/// Documents what the gateway's middleware does to every operation, from the endpoint's own metadata, so no endpoint
/// has to repeat it: the bearer requirement (or an explicit empty one for open operations); 401/403 where a key is
/// checked; 429 everywhere (a key's rate, or a client address's without a valid key); 413 where a body is read; 400/415 where one is bound from JSON; 400 where a typed parameter
/// is bound; the Idempotency-Key header with its 400/409/422 on authenticated POSTs; and 503 everywhere (every
/// operation reads storage). Refusals an endpoint declares itself (404, 409, 422, …) keep their place and gain a
/// description and the problem schema.
/// </summary>
public sealed class OperationConventions : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var open = metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any();
        var document = context.Document;

        RawBodies.Inline(operation);
        operation.Security = [open ? new OpenApiSecurityRequirement() : BearerScheme.Requirement(document)];

        var refusals = new Refusals();
        foreach (var status in DeclaredProblems(operation))
        {
            refusals.Add(status, open && status == 401 ? "The request's signature was not accepted." : Reasons.Declared(status));
        }
        if (!open)
        {
            refusals.Add(401, Reasons.NoKey);
            refusals.Add(403, Reasons.WrongKey);
        }
        refusals.Add(429, open ? Reasons.AddressThrottled : Reasons.RateLimited);
        if (operation.RequestBody is not null)
        {
            refusals.Add(413, Reasons.TooLarge);
        }
        if (description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body))
        {
            // Bound by the framework from JSON; endpoints that read the raw body declare their own refusals.
            refusals.Add(400, Reasons.BadBody);
            refusals.Add(415, Reasons.NotJson);
        }
        if (description.ParameterDescriptions.Any(BindsToNonText))
        {
            refusals.Add(400, Reasons.BadParameter);
        }
        if (!open && HttpMethods.IsPost(description.HttpMethod ?? ""))
        {
            AddIdempotencyKey(operation);
            refusals.Add(400, Reasons.LongIdempotencyKey);
            refusals.Add(409, Reasons.IdempotencyInProgress);
            refusals.Add(422, Reasons.IdempotencyMismatch);
        }
        refusals.Add(503, Reasons.StorageDown);

        refusals.WriteTo(operation, document);
        return Task.CompletedTask;
    }

    /// <summary>Error statuses the endpoint declared itself (<c>ProducesProblem</c>, <c>ProducesValidationProblem</c>).</summary>
    private static IEnumerable<int> DeclaredProblems(OpenApiOperation operation) =>
        (operation.Responses ?? [])
            .Select(r => int.TryParse(r.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var status) ? status : 0)
            .Where(status => status >= 400)
            .ToList();

    /// <summary>A query or route value bound to a number, date or enum: a malformed one is a 400 naming it.</summary>
    private static bool BindsToNonText(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiParameterDescription parameter) =>
        (parameter.Source == BindingSource.Query || parameter.Source == BindingSource.Path)
        && (Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type) != typeof(string);

    private static void AddIdempotencyKey(OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        if (operation.Parameters.Any(p => p.Name == IdempotencyMiddleware.Header))
        {
            return;
        }
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyMiddleware.Header,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Any string up to 255 characters. A retry with the same key and body returns the first response "
                + $"(with '{IdempotencyMiddleware.ReplayedHeader}: true') and changes nothing.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
        });
    }
}
