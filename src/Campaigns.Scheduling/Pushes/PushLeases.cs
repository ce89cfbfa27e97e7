using System.Collections.Concurrent;
using Campaigns.Storage.Pushes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Campaigns.Scheduling.Pushes;

/// <summary>
/// This silo's leases: who it is as a lease holder (its address and generation, so a restarted silo is a different
/// holder from its earlier incarnation), the pushes it is firing now, and the loop that renews their leases — one
/// batched UPDATE per round — for as long as each firing lasts.
/// </summary>
public sealed partial class PushLeases(
    PushClaims claims, ILocalSiloDetails silo, TimeProvider clock, IOptions<PushSchedulingOptions> options, ILogger<PushLeases> logger)
    : BackgroundService
{
    /// <summary>The pushes being fired here, each with how many firings keep it (one, unless this silo claimed it again).</summary>
    private readonly ConcurrentDictionary<PushKey, int> _firing = new();

    /// <summary>This silo incarnation as it is written in <c>pushes.lease_holder</c>.</summary>
    public string Holder { get; } = silo.SiloAddress.ToParsableString();

    /// <summary>How many pushes this silo is firing now.</summary>
    public int Firing => _firing.Count;

    /// <summary>A fresh lease for pushes claimed now.</summary>
    public PushLease NewLease() =>
        new(Holder, clock.GetUtcNow().AddSeconds(options.Value.LeaseSeconds).ToUnixTimeMilliseconds());

    /// <summary>Keeps renewing the lease of a push until the returned handle is disposed (its firing ended).</summary>
    public IDisposable Keep(PushKey push)
    {
        _firing.AddOrUpdate(push, 1, (_, count) => count + 1);
        return new Release(this, push);
    }

    /// <summary>One renewal round: every lease this silo still holds on a push it is firing runs for another full lease.</summary>
    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        var keys = _firing.Keys.ToList();
        if (keys.Count == 0)
        {
            return;
        }
        var until = clock.GetUtcNow().AddSeconds(options.Value.LeaseSeconds).ToUnixTimeMilliseconds();
        var renewed = await claims.RenewAsync(Holder, keys, until, cancellationToken);
        if (renewed < keys.Count)
        {
            // Some settled between the snapshot and the UPDATE (normal), or were recovered by another silo that took
            // this one for dead: their outcomes will be refused, and the push's new holder looks the post up first.
            LogNotRenewed(logger, keys.Count - renewed, keys.Count);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.LeaseRenewSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RenewAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The next round tries again; a lease lasts at least two rounds.
                LogRenewalFailed(logger, ex, _firing.Count);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Missing} of {Count} leases not renewed: settled meanwhile, or recovered by another silo")]
    private static partial void LogNotRenewed(ILogger logger, int missing, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the leases of {Count} pushes in flight failed; retrying next round")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception, int count);

    private sealed class Release(PushLeases leases, PushKey push) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }
            while (leases._firing.TryGetValue(push, out var count)
                   && !(count == 1 ? leases._firing.TryRemove(KeyValuePair.Create(push, 1)) : leases._firing.TryUpdate(push, count - 1, count)))
            {
                // Raced with another Keep or Dispose of the same push: read again.
            }
        }
    }
}
