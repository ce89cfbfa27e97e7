using Campaigns.Storage.Idempotency;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Campaigns.Scheduling.Pushes;

/// <summary>
/// The safety net, every few seconds: claims whose holder died or whose lease ran out are recovered, every overdue
/// push — a missed trigger, a resumed campaign, a retry, a recovered claim — is dispatched, and expired
/// Idempotency-Keys are purged.
/// </summary>
public sealed partial class SweepPushesJob(
    LeaseRecovery recovery, IdempotencyStore idempotency, DueDispatcher dispatcher, TimeProvider clock, ILogger<SweepPushesJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await recovery.RecoverAsync(cancellationToken);
        await idempotency.PurgeAsync(now - IdempotencyStore.Retention, cancellationToken);
        var dispatched = await dispatcher.DispatchAsync(now, cancellationToken);
        if (dispatched > 0)
        {
            LogDispatched(logger, dispatched);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep dispatched {Count} overdue pushes")]
    private static partial void LogDispatched(ILogger logger, int count);
}
