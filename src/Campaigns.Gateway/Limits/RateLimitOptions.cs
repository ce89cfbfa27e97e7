using System.Threading.RateLimiting;

namespace Campaigns.Gateway.Limits;

/// <summary>The <c>Campaigns:RateLimit</c> section: how many requests each agency, and each client address without a valid key, may make.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Campaigns:RateLimit";

    /// <summary>Requests per second each agency's key may make on average; 0 turns the limit off.</summary>
    public int PermitsPerSecond { get; set; } = 500;

    /// <summary>How many requests an agency may make at once after a quiet spell (the bucket's size).</summary>
    public int Burst { get; set; } = 1000;

    /// <summary>Requests per second one client address may make without a valid key (no key, a wrong one, callbacks); 0 turns the limit off.</summary>
    public int UnauthenticatedPermitsPerSecond { get; set; } = 20;

    /// <summary>The bucket size of <see cref="UnauthenticatedPermitsPerSecond"/>.</summary>
    public int UnauthenticatedBurst { get; set; } = 100;

    /// <summary>Why these settings are invalid, or null when they are fine.</summary>
    public string? Problem() =>
        PermitsPerSecond < 0 ? $"{Section}:PermitsPerSecond must be 0 (off) or more."
        : PermitsPerSecond > 0 && Burst < 1 ? $"{Section}:Burst must be at least 1."
        : UnauthenticatedPermitsPerSecond < 0 ? $"{Section}:UnauthenticatedPermitsPerSecond must be 0 (off) or more."
        : UnauthenticatedPermitsPerSecond > 0 && UnauthenticatedBurst < 1 ? $"{Section}:UnauthenticatedBurst must be at least 1."
        : null;

    /// <summary>A token bucket refilled every second that never queues: over the rate is refused at once.</summary>
    internal static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
