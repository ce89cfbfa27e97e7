using Quartz;

namespace Campaigns.Scheduling.Waves;

/// <summary>
/// The scheduler facade a tie-in campaign uses for its gate timeouts: one durable one-shot trigger per waiting wave,
/// at the instant its wait runs out. Persistent like every trigger here, so a timeout is decided even when the host
/// restarted or the campaign grain was deactivated while it waited.
/// </summary>
public sealed class GateDeadlines(ISchedulerFactory factory)
{
    public const string Group = "gates";
    public const string AgencyKey = "agencyId", CampaignKey = "campaignId";
    public static readonly JobKey ReviewJob = new("review", Group);

    /// <summary>Stores (or keeps) the trigger that reviews the campaign's gate of <paramref name="wave"/> at <paramref name="at"/>.</summary>
    public async Task ArmAsync(string agencyId, string campaignId, int wave, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        var trigger = TriggerBuilder.Create()
            .WithIdentity(Key(agencyId, campaignId, wave))
            .ForJob(ReviewJob)
            .UsingJobData(AgencyKey, agencyId)
            .UsingJobData(CampaignKey, campaignId)
            .StartAt(at)
            // Missed during downtime: review as soon as a scheduler is back; the gate decides with the numbers of then.
            .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Keep, cancellationToken);
    }

    /// <summary>Removes the trigger of a gate that was decided before its deadline.</summary>
    public async Task DisarmAsync(string agencyId, string campaignId, int wave, CancellationToken cancellationToken = default)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        await scheduler.UnscheduleJob(Key(agencyId, campaignId, wave), cancellationToken);
    }

    private static TriggerKey Key(string agencyId, string campaignId, int wave) => new($"{agencyId}/{campaignId}/{wave}", Group);
}
