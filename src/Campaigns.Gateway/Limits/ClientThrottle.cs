using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Campaigns.Gateway.Limits;

/// <summary>
/// One token bucket per client address for requests without a valid key (see <see cref="ClientAddress"/>). Idle
/// buckets are dropped by the limiter, so memory follows the addresses active in the last seconds.
/// </summary>
public sealed class ClientThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;

    public ClientThrottle(IOptions<RateLimitOptions> options)
    {
        Settings = options.Value;
        if (Settings.UnauthenticatedPermitsPerSecond > 0)
        {
            _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetTokenBucketLimiter(
                address, _ => RateLimitOptions.Bucket(Settings.UnauthenticatedPermitsPerSecond, Settings.UnauthenticatedBurst)));
        }
    }

    public RateLimitOptions Settings { get; }

    /// <summary>True when the address has no permit left; takes none. An unknown key from it is then not looked up.</summary>
    public bool IsExhausted(string address) => _limiter?.GetStatistics(address)?.CurrentAvailablePermits <= 0;

    /// <summary>Takes one permit for a request from the address; the lease says whether it was granted.</summary>
    public RateLimitLease Acquire(string address) => _limiter?.AttemptAcquire(address) ?? Granted.Instance;

    public void Dispose() => _limiter?.Dispose();

    private sealed class Granted : RateLimitLease
    {
        public static readonly Granted Instance = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
