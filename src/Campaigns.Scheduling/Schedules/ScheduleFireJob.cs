
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Schedules;
using Quartz;
namespace Campaigns.Scheduling.Schedules;

/// <summary>Fired by a schedule's cron trigger: the schedule grain creates that instant's pushes.</summary>
public sealed class ScheduleFireJob(IGrainFactory grains) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var key = context.GrainKey(ScheduleTriggers.AgencyKey, ScheduleTriggers.ScheduleKey);
        await grains.GetGrain<IScheduleGrain>(key).Fire(context.ScheduledFireTimeUtc ?? context.FireTimeUtc);
    }
}
