using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Campaigns.Scheduling;

/// <summary>
/// A durable job that a repeating trigger runs every <see cref="Interval"/> on one silo of the cluster (Quartz's store
/// is clustered on PostgreSQL; mark the job <see cref="DisallowConcurrentExecutionAttribute"/> so a slow run is
/// never overlapped by the next one, on any silo). Registered by other assemblies with
/// <see cref="RecurringJobs.AddRecurringJob{TJob}"/>; the scheduler stores them at start.
/// </summary>
/// <param name="Key">The job's key; its trigger has the same name and group.</param>
/// <param name="JobType">The job's class.</param>
/// <param name="Interval">The period, read from the container at start; zero or less removes the job.</param>
public sealed record RecurringJob(JobKey Key, Type JobType, Func<IServiceProvider, TimeSpan> Interval);

/// <summary>Registers recurring jobs.</summary>
public static class RecurringJobs
{
    /// <summary>Adds a job class (transient) and its repeating trigger to what the scheduler stores at start.</summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, JobKey key, Func<IServiceProvider, TimeSpan> interval)
        where TJob : class, IJob
    {
        services.AddTransient<TJob>();
        services.AddSingleton(new RecurringJob(key, typeof(TJob), interval));
        return services;
    }

    /// <summary>Stores the job and replaces its trigger (so a changed interval takes effect), or removes both when it is off.</summary>
    internal static async Task ScheduleAsync(IScheduler scheduler, RecurringJob job, IServiceProvider services, CancellationToken cancellationToken)
    {
        var interval = job.Interval(services);
        if (interval <= TimeSpan.Zero)
        {
            await scheduler.DeleteJob(job.Key, cancellationToken);
            return;
        }
        var detail = JobBuilder.Create().OfType(job.JobType).WithIdentity(job.Key).StoreDurably().Build();
        await scheduler.AddJob(detail, AddJobOptions.Replacing, cancellationToken);
        var trigger = TriggerBuilder.Create()
            .WithIdentity(job.Key.Name, job.Key.Group)
            .ForJob(job.Key)
            .StartNow()
            .WithSchedule(SimpleScheduleBuilder.Create()
                .WithInterval(interval).RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken);
    }
}
