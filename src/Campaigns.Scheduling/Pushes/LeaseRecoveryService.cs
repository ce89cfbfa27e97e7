using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Campaigns.Scheduling.Pushes;

/// <summary>
/// Recovery that does not wait for the sweeper: once at start-up (a restarted silo takes back what its earlier
/// incarnation held), and each time the membership declares a silo dead (its claims are taken back the moment the
/// cluster agrees it is gone). What is recovered is dispatched straight away.
/// </summary>
public sealed partial class LeaseRecoveryService(
    IClusterMembershipService membership, LeaseRecovery recovery, DueDispatcher dispatcher, TimeProvider clock, ILogger<LeaseRecoveryService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await RecoverAndDispatchAsync("start-up", stoppingToken);
        var dead = DeadSilos(membership.CurrentSnapshot);
        await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
        {
            var now = DeadSilos(snapshot);
            if (now.Except(dead).Any())
            {
                await RecoverAndDispatchAsync("a silo was declared dead", stoppingToken);
            }
            dead = now;
        }
    }

    private static HashSet<SiloAddress> DeadSilos(ClusterMembershipSnapshot snapshot) =>
        snapshot.Members.Where(m => m.Value.Status == SiloStatus.Dead).Select(m => m.Key).ToHashSet();

    private async Task RecoverAndDispatchAsync(string why, CancellationToken cancellationToken)
    {
        try
        {
            if (await recovery.RecoverAsync(cancellationToken) > 0)
            {
                // Dispatching only starts the firings; it returns once the recovered pushes are claimed again.
                var dispatched = await dispatcher.DispatchAsync(clock.GetUtcNow(), cancellationToken);
                LogDispatched(logger, dispatched, why);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The sweeper recovers and dispatches again within SweepSeconds.
            LogFailed(logger, ex, why);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dispatched {Count} overdue pushes after recovery ({Why})")]
    private static partial void LogDispatched(ILogger logger, int count, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovery after {Why} failed; the sweeper will retry")]
    private static partial void LogFailed(ILogger logger, Exception exception, string why);
}
