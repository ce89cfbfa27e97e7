
using Campaigns.Scheduling.Brands;
using Campaigns.Scheduling.Campaigns;
using Campaigns.Scheduling.Pushes;
using Campaigns.Scheduling.Rules;
using Campaigns.Scheduling.Schedules;
using Campaigns.Scheduling.Waves;
using Campaigns.Scheduling;
using Campaigns.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;
namespace Campaigns.Grains.Tests.Support;

/// <summary>
/// Quartz as the host configures it (persistent store on the test's SQLite file), except that it is never started:
/// the jobs are stored so grains can keep their triggers, and the triggers stay in the store for tests to read. The
/// grains' clock is fake and real time has passed it, so a started scheduler would fire everything at once.
/// </summary>
internal static class StandbyScheduler
{
    public static void Add(IServiceCollection services, StorageSettings settings)
    {
        services.AddScheduling(settings);
        var started = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SchedulerHostedService));
        services.Remove(started);
        services.AddHostedService<JobsOnly>();
    }

    /// <summary>The scheduler of a silo, to read triggers.</summary>
    public static async Task<IScheduler> Of(Orleans.TestingHost.InProcessTestCluster cluster) =>
        await cluster.Silos[0].ServiceProvider.GetRequiredService<ISchedulerFactory>().GetScheduler();

    private sealed class JobsOnly(ISchedulerFactory factory) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var scheduler = await factory.GetScheduler(cancellationToken);
            foreach (var (type, key) in new (Type, JobKey)[]
            {
                (typeof(DuePushesJob), PushTriggers.DueJob), (typeof(ScheduleFireJob), ScheduleTriggers.FireJob),
                (typeof(GateDeadlineJob), GateDeadlines.ReviewJob), (typeof(RuleReviewJob), RuleReviewTriggers.ReviewJob),
                (typeof(CompletionCheckJob), CompletionChecks.CheckJob), (typeof(BrandApplyJob), BrandApplyTriggers.ApplyJob),
            })
            {
                await scheduler.AddJob(JobBuilder.Create().OfType(type).WithIdentity(key).StoreDurably().Build(), AddJobOptions.Replacing, cancellationToken);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
