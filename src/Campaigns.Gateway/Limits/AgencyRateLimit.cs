using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Campaigns.Gateway.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Campaigns.Gateway.Limits;

/// <summary>The <c>Campaigns:RateLimit</c> section: how many requests each agency may make.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Campaigns:RateLimit";

    /// <summary>Requests per second each agency's key may make on average; 0 turns the limit off.</summary>
    public int PermitsPerSecond { get; set; } = 500;

    /// <summary>How many requests an agency may make at once after a quiet spell (the bucket's size).</summary>
    public int Burst { get; set; } = 1000;

    /// <summary>Why these settings are invalid, or null when they are fine.</summary>
    public string? Problem() =>
        PermitsPerSecond < 0 ? $"{Section}:PermitsPerSecond must be 0 (off) or more."
        : PermitsPerSecond > 0 && Burst < 1 ? $"{Section}:Burst must be at least 1."
        : null;
}

/// <summary>
/// One token bucket per agency (and one for the admin key): an agency over its rate gets 429 with
/// <c>Retry-After</c>, and other agencies are unaffected. Requests without a key are not counted: they are refused
/// (401) or are platform callbacks checked by their signature.
/// </summary>
public static class AgencyRateLimit
{
    public static IServiceCollection AddAgencyRateLimit(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.Section)
            .Validate(o => o.Problem() is null, "Invalid Campaigns:RateLimit settings: PermitsPerSecond ≥ 0 (0 = off), Burst ≥ 1.")
            .ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext http)
    {
        var settings = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var caller = http.User.FindFirstValue(AuthNames.AgencyClaim) ?? (http.User.IsInRole(AuthNames.AdminRole) ? "admin" : null);
        if (caller is null || settings.PermitsPerSecond == 0)
        {
            return RateLimitPartition.GetNoLimiter("");
        }
        return RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.Burst,
            TokensPerPeriod = settings.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var settings = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Type = "https://tools.ietf.org/html/rfc6585#section-4",
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This key made more than {settings.PermitsPerSecond} requests per second (bursts up to {settings.Burst}); "
                    + $"nothing was done. Retry after {seconds} s.",
            },
        });
    }
}
