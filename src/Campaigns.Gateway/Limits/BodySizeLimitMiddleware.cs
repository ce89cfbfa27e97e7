using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Campaigns.Gateway.Limits;

/// <summary>
/// Refuses a declared body larger than the limit with 413 before reading a byte of it. The limit is
/// <see cref="GatewayServices.MaxRequestBodyBytes"/> unless the endpoint carries its own (<see cref="RequestBodyLimit"/>);
/// the same limit is set on the server for this request, so a body without a Content-Length (chunked) is cut off
/// there and surfaces as 413 through the exception handler.
/// </summary>
public sealed class BodySizeLimitMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? GatewayServices.MaxRequestBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
        {
            server.MaxRequestBodySize = limit;
        }
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "Request body too large",
                    Detail = $"The body may be at most {limit} bytes.",
                },
            });
            return;
        }
        await next(context);
    }
}
