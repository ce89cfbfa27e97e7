using Campaigns.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Campaigns.Scheduling;

/// <summary>
/// Starts the Quartz scheduler. Quartz creates its tables on first start; on PostgreSQL that creation runs under a
/// cluster-wide lock so that silos starting together do not race to create the same tables.
/// </summary>
public sealed class SchedulerHostedService(ISchedulerFactory factory, StorageSettings storage, ILogger<SchedulerHostedService> logger) : IHostedService
{
    private IScheduler? _scheduler;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (await DatabaseLock.AcquireAsync(storage, DatabaseLock.SchedulerSchemaKey, cancellationToken))
        {
            _scheduler = await factory.GetScheduler(cancellationToken);
            await _scheduler.Start(cancellationToken);
        }
        logger.LogInformation("Scheduler {Name} started as instance {Instance}", _scheduler.SchedulerName, _scheduler.SchedulerInstanceId);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_scheduler is not null)
        {
            await _scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
        }
    }
}
