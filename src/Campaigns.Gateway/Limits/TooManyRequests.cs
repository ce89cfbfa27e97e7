using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Gateway.Limits;

/// <summary>The one shape of a 429: problem details, <c>Retry-After</c> in whole seconds, and a detail saying nothing was done.</summary>
public static class TooManyRequests
{
    public const string ProblemType = "https://tools.ietf.org/html/rfc6585#section-4";

    /// <summary>
    /// Writes the 429 for a refused <paramref name="lease"/>; <paramref name="why"/> starts the detail and
    /// <paramref name="limit"/> names the limit in the <c>campaigns.http.throttled</c> counter.
    /// </summary>
    public static async Task WriteAsync(HttpContext http, RateLimitLease lease, string limit, string why)
    {
        http.RequestServices.GetRequiredService<Telemetry.GatewayMetrics>().Throttled(limit);
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Type = ProblemType,
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"{why}; nothing was done. Retry after {seconds} s.",
            },
        });
    }
}
