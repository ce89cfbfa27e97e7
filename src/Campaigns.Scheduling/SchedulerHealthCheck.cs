
using Campaigns.Scheduling.Pushes;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;
namespace Campaigns.Scheduling;

/// <summary>Ready when the scheduler is running and can read its job store.</summary>
public sealed class SchedulerHealthCheck(ISchedulerFactory factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var scheduler = await factory.GetScheduler(cancellationToken);
            if (await scheduler.GetStatus(cancellationToken) != SchedulerStatus.Running)
            {
                return HealthCheckResult.Unhealthy("The scheduler is not running.");
            }
            // Reads the job store (the sweep trigger's row), so a scheduler whose database is gone reports it.
            await scheduler.GetTriggerState(new TriggerKey("sweep", PushTriggers.Group), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The scheduler cannot reach its store.", ex);
        }
    }
}
