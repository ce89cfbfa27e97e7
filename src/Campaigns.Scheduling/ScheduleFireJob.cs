using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Quartz;

namespace Campaigns.Scheduling;

/// <summary>Fired by a schedule's cron trigger: the schedule grain creates that instant's pushes.</summary>
public sealed class ScheduleFireJob(IGrainFactory grains) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var key = GrainKeys.For(data.GetString(ScheduleTriggers.AgencyKey)!, data.GetString(ScheduleTriggers.ScheduleKey)!);
        await grains.GetGrain<IScheduleGrain>(key).Fire(context.ScheduledFireTimeUtc ?? context.FireTimeUtc);
    }
}
