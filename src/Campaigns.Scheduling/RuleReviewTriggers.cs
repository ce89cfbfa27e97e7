using Quartz;

namespace Campaigns.Scheduling;

/// <summary>
/// One durable one-shot trigger per campaign with automation rules: it wakes the campaign when its next rule window
/// closes. A grain timer would die with its activation (idle collection, a restart, a lost silo) and the embedded
/// SQLite default has no Orleans reminders; a Quartz trigger survives all three and fires on one node only.
/// </summary>
public sealed class RuleReviewTriggers(ISchedulerFactory factory)
{
    public const string Group = "rules";
    public const string AgencyKey = "agencyId", CampaignKey = "campaignId";
    public static readonly JobKey ReviewJob = new("review", Group);

    /// <summary>Sets the campaign's review instant (replacing an earlier one); a missed instant fires as soon as a scheduler runs.</summary>
    public async Task EnsureAsync(string agencyId, string campaignId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        var trigger = TriggerBuilder.Create()
            .WithIdentity(Key(agencyId, campaignId))
            .ForJob(ReviewJob)
            .UsingJobData(AgencyKey, agencyId)
            .UsingJobData(CampaignKey, campaignId)
            .StartAt(at)
            .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken);
    }

    private static TriggerKey Key(string agencyId, string campaignId) => new($"{agencyId}/{campaignId}", Group);
}
