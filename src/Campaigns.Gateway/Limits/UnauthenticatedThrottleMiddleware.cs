using Microsoft.AspNetCore.Http;

namespace Campaigns.Gateway.Limits;

/// <summary>
/// Counts every request that authentication did not accept (no key, an unknown or revoked key, a platform callback)
/// against its client address, and answers 429 with <c>Retry-After</c> once the address is over its rate, before
/// authorization, routing to a handler or any database work. Requests with a valid key pass untouched; the agency's
/// own limit counts them. <c>/health/live</c> is exempt: it does no work a refusal would save, and orchestrators poll it.
/// </summary>
public sealed class UnauthenticatedThrottleMiddleware(RequestDelegate next, ClientThrottle throttle)
{
    private static readonly PathString LivenessPath = new("/health/live");

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true && !context.Request.Path.StartsWithSegments(LivenessPath))
        {
            using var lease = throttle.Acquire(ClientAddress.Of(context));
            if (!lease.IsAcquired)
            {
                var settings = throttle.Settings;
                await TooManyRequests.WriteAsync(context, lease, "address",
                    $"This address made more than {settings.UnauthenticatedPermitsPerSecond} requests per second without a valid key "
                    + $"(bursts up to {settings.UnauthenticatedBurst})");
                return;
            }
        }
        await next(context);
    }
}
