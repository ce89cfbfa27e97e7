using Quartz;

namespace Campaigns.Scheduling.Campaigns;

/// <summary>
/// The durable per-campaign triggers (rule reviews, completion checks; per brand, freezes being applied): one per
/// campaign (brand) in a group, carrying its key, starting at an instant and repeating until the campaign replaces or
/// removes it, so a run that failed is tried again. A start missed during downtime fires as soon as a scheduler runs.
/// </summary>
internal static class CampaignTriggers
{
    public const string AgencyKey = "agencyId", CampaignKey = "campaignId";

    public static async Task SetAsync(
        ISchedulerFactory factory, JobKey job, string agencyId, string campaignId, DateTimeOffset start, TimeSpan every, CancellationToken cancellationToken,
        string idKey = CampaignKey)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        var trigger = TriggerBuilder.Create()
            .WithIdentity(Key(job.Group, agencyId, campaignId))
            .ForJob(job)
            .UsingJobData(AgencyKey, agencyId)
            .UsingJobData(idKey, campaignId)
            .StartAt(start)
            .WithSchedule(SimpleScheduleBuilder.Create()
                .WithInterval(every).RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount))
            .Build();
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken);
    }

    public static async Task RemoveAsync(ISchedulerFactory factory, string group, string agencyId, string campaignId, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        await scheduler.UnscheduleJob(Key(group, agencyId, campaignId), cancellationToken);
    }

    public static TriggerKey Key(string group, string agencyId, string campaignId) => new($"{agencyId}/{campaignId}", group);
}
