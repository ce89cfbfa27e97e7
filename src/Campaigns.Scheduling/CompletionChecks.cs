using Microsoft.Extensions.Options;
using Quartz;

namespace Campaigns.Scheduling;

/// <summary>
/// The durable half of a campaign's completion check. A campaign checks a second after its pushes settle, on a grain
/// timer; that timer dies with a crash, and a campaign whose last push settled just before one would then never
/// complete, since nothing else calls it. So each launched campaign keeps one Quartz trigger, starting after its last
/// planned push and repeating every <see cref="PushSchedulingOptions.CompletionCheckSeconds"/> until the campaign
/// completes, is cancelled or is paused (resume sets it again). On SQLite there are no Orleans reminders; the Quartz
/// store is our durable timer on both databases.
/// </summary>
public sealed class CompletionChecks(ISchedulerFactory factory, IOptions<PushSchedulingOptions> options)
{
    public const string Group = "completion";
    public const string AgencyKey = "agencyId", CampaignKey = "campaignId";
    public static readonly JobKey CheckJob = new("check", Group);

    /// <summary>Sets (or moves) the campaign's trigger to start one period after <paramref name="after"/>.</summary>
    public async Task ArmAsync(string agencyId, string campaignId, DateTimeOffset after, CancellationToken cancellationToken = default)
    {
        var period = TimeSpan.FromSeconds(options.Value.CompletionCheckSeconds);
        var scheduler = await factory.GetScheduler(cancellationToken);
        var trigger = TriggerBuilder.Create()
            .WithIdentity(Key(agencyId, campaignId))
            .ForJob(CheckJob)
            .UsingJobData(AgencyKey, agencyId)
            .UsingJobData(CampaignKey, campaignId)
            .StartAt(after + period)
            .WithSchedule(SimpleScheduleBuilder.Create()
                .WithInterval(period).RepeatForever()
                // Missed during downtime: check as soon as a scheduler runs.
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount))
            .Build();
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken);
    }

    /// <summary>Removes the campaign's trigger, if it has one.</summary>
    public async Task RemoveAsync(string agencyId, string campaignId, CancellationToken cancellationToken = default)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        await scheduler.UnscheduleJob(Key(agencyId, campaignId), cancellationToken);
    }

    /// <summary>The trigger's next firing, or null when the campaign has none (for tests and operators).</summary>
    public async Task<DateTimeOffset?> NextAsync(string agencyId, string campaignId, CancellationToken cancellationToken = default)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        return (await scheduler.GetTrigger(Key(agencyId, campaignId), cancellationToken))?.NextFireTimeUtc;
    }

    private static TriggerKey Key(string agencyId, string campaignId) => new($"{agencyId}/{campaignId}", Group);
}
