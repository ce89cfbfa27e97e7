using Microsoft.Extensions.Options;
using Quartz;

namespace Campaigns.Scheduling.Campaigns;

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
    public const string AgencyKey = CampaignTriggers.AgencyKey, CampaignKey = CampaignTriggers.CampaignKey;
    public static readonly JobKey CheckJob = new("check", Group);

    /// <summary>Sets (or moves) the campaign's trigger to start one period after <paramref name="after"/>.</summary>
    public Task ArmAsync(string agencyId, string campaignId, DateTimeOffset after, CancellationToken cancellationToken = default)
    {
        var period = TimeSpan.FromSeconds(options.Value.CompletionCheckSeconds);
        return CampaignTriggers.SetAsync(factory, CheckJob, agencyId, campaignId, after + period, period, cancellationToken);
    }

    /// <summary>Removes the campaign's trigger, if it has one.</summary>
    public Task RemoveAsync(string agencyId, string campaignId, CancellationToken cancellationToken = default) =>
        CampaignTriggers.RemoveAsync(factory, Group, agencyId, campaignId, cancellationToken);

    /// <summary>The trigger's next firing, or null when the campaign has none (for tests and operators).</summary>
    public async Task<DateTimeOffset?> NextAsync(string agencyId, string campaignId, CancellationToken cancellationToken = default)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        return (await scheduler.GetTrigger(CampaignTriggers.Key(Group, agencyId, campaignId), cancellationToken))?.NextFireTimeUtc;
    }
}
