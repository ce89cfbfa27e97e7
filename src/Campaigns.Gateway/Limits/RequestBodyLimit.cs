using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;

namespace Campaigns.Gateway.Limits;

/// <summary>
/// Endpoint metadata raising the body limit for one endpoint (a bulk import) above
/// <see cref="GatewayServices.MaxRequestBodyBytes"/>. Routing hands it to the server for that request, and
/// <see cref="BodySizeLimitMiddleware"/> checks declared lengths against it.
/// </summary>
public sealed class RequestBodyLimit(long maxBytes) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize { get; } = maxBytes;
}

/// <summary>Applies <see cref="RequestBodyLimit"/> to an endpoint.</summary>
public static class RequestBodyLimitExtensions
{
    public static TBuilder WithRequestBodyLimit<TBuilder>(this TBuilder builder, long maxBytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestBodyLimit(maxBytes));
}
