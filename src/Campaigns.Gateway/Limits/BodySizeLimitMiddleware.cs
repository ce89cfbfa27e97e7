using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Campaigns.Gateway.Limits;

/// <summary>
/// Refuses a declared body larger than the limit with 413 before reading a byte of it. Kestrel enforces the same
/// limit on bodies without a Content-Length (chunked), which then surface as 413 through the exception handler.
/// </summary>
public sealed class BodySizeLimitMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > GatewayServices.MaxRequestBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "Request body too large",
                    Detail = $"The body may be at most {GatewayServices.MaxRequestBodyBytes} bytes.",
                },
            });
            return;
        }
        await next(context);
    }
}
