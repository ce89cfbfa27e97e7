using Campaigns.Scheduling.Telemetry;
using Campaigns.Storage.Pushes;
using Microsoft.Extensions.Logging;

namespace Campaigns.Scheduling.Pushes;

/// <summary>
/// Takes back the claims no live silo is working on: those of dead holders at once, and leases that ran out. Run by
/// the sweeper, at start-up and whenever the membership declares a silo dead. A slow publish on a live silo is never
/// taken: its silo is alive and keeps renewing.
/// </summary>
public sealed partial class LeaseRecovery(PushClaims claims, DeadHolders dead, TimeProvider clock, PushMetrics metrics, ILogger<LeaseRecovery> logger)
{
    /// <summary>Recovers what there is to recover; returns how many pushes went back to scheduled.</summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var holders = await claims.HoldersAsync(cancellationToken);
        if (holders.Count == 0)
        {
            return 0;
        }
        var deadHolders = dead.Among(holders);
        var recovered = await claims.RecoverAsync(deadHolders, clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        if (recovered > 0)
        {
            metrics.Recovered(recovered);
            LogRecovered(logger, recovered, deadHolders.Count == 0 ? "(expired leases only)" : string.Join(", ", deadHolders));
        }
        return recovered;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovered {Count} pushes claimed by silos no longer publishing them; dead holders: {Holders}")]
    private static partial void LogRecovered(ILogger logger, int count, string holders);
}
