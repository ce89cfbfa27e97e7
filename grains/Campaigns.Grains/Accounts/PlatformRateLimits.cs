using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Campaigns.Domain.Accounts;

namespace Campaigns.Grains.Accounts;

/// <summary>
/// Per-platform publishing rate limits for this silo: a token bucket per platform, so a burst of ten thousand due
/// pushes does not hit one platform's API faster than it tolerates. Callers wait for a token rather than fail.
/// </summary>
public sealed class PlatformRateLimits : IAsyncDisposable
{
    /// <summary>Publishes per second per platform and silo; the sandbox is ours, so it is not limited.</summary>
    public const int PerSecond = 200;

    private readonly ConcurrentDictionary<Platform, RateLimiter> _limiters = new();

    /// <summary>Waits until the platform accepts one more publish from this silo.</summary>
    public async ValueTask AcquireAsync(Platform platform, CancellationToken cancellationToken)
    {
        if (platform == Platform.Sandbox)
        {
            return;
        }
        var limiter = _limiters.GetOrAdd(platform, _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = PerSecond,
            TokensPerPeriod = PerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }));
        using var lease = await limiter.AcquireAsync(1, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var limiter in _limiters.Values)
        {
            await limiter.DisposeAsync();
        }
    }
}
