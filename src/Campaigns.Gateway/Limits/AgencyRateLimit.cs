using System.Security.Claims;
using System.Threading.RateLimiting;
using Campaigns.Gateway.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Campaigns.Gateway.Limits;

/// <summary>
/// One token bucket per agency (and one for the admin key): an agency over its rate gets 429 with
/// <c>Retry-After</c>, and other agencies are unaffected. Requests without a valid key are counted per client
/// address instead, by <see cref="ClientThrottle"/>.
/// </summary>
public static class AgencyRateLimit
{
    public static IServiceCollection AddAgencyRateLimit(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.Section)
            .Validate(o => o.Problem() is null, "Invalid Campaigns:RateLimit settings: PermitsPerSecond and UnauthenticatedPermitsPerSecond ≥ 0 (0 = off), Burst and UnauthenticatedBurst ≥ 1.")
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
        return RateLimitPartition.GetTokenBucketLimiter(caller, _ => RateLimitOptions.Bucket(settings.PermitsPerSecond, settings.Burst));
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var settings = context.HttpContext.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        await TooManyRequests.WriteAsync(context.HttpContext, context.Lease, "key",
            $"This key made more than {settings.PermitsPerSecond} requests per second (bursts up to {settings.Burst})");
    }
}
