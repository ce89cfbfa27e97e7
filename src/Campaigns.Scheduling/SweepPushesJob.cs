using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Idempotency;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Campaigns.Scheduling;

/// <summary>
/// The safety net, every few seconds: pushes claimed by a silo that died are released, and every overdue push —
/// a missed trigger, a resumed campaign, a retry — is dispatched; expired Idempotency-Keys are purged.
/// </summary>
public sealed class SweepPushesJob(
    PushStore pushes,
    IdempotencyStore idempotency, DueDispatcher dispatcher, TimeProvider clock, IOptions<PushSchedulingOptions> options, ILogger<SweepPushesJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var released = await pushes.ReleaseAbandonedAsync(
            now.AddSeconds(-options.Value.AbandonedAfterSeconds).ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds(), cancellationToken);
        if (released > 0)
        {
            logger.LogWarning("Released {Count} pushes abandoned mid-flight", released);
        }
        await idempotency.PurgeAsync(now - IdempotencyStore.Retention, cancellationToken);
        var dispatched = await dispatcher.DispatchAsync(now, cancellationToken);
        if (dispatched > 0)
        {
            logger.LogInformation("Sweep dispatched {Count} overdue pushes", dispatched);
        }
    }
}
