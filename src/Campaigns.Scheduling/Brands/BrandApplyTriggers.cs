using Campaigns.Scheduling.Campaigns;
using Quartz;

namespace Campaigns.Scheduling.Brands;

/// <summary>
/// The durable half of finishing a brand freeze (or unfreeze). The brand grain records the decision, then pauses its
/// campaigns and holds its pushes; when that stops part-way it carries on from a grain timer, which dies with the
/// activation. So before the decision is written the brand gets one trigger here, repeating every
/// <see cref="RetryInterval"/> until the grain, having applied the decision, removes it: a crash in between still ends
/// with the freeze applied, on whichever silo the trigger fires, without anyone calling the brand.
/// </summary>
public sealed class BrandApplyTriggers(ISchedulerFactory factory)
{
    public const string Group = "brands";
    public const string AgencyKey = CampaignTriggers.AgencyKey, BrandKey = "brand";
    public static readonly JobKey ApplyJob = new("apply", Group);

    /// <summary>How long after the decision the trigger first fires (the command itself usually finishes first), and how often it repeats.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(10);

    /// <summary>Sets the brand's trigger to fire <see cref="RetryInterval"/> after <paramref name="now"/>, then repeatedly.</summary>
    public Task ArmAsync(string agencyId, string brand, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        CampaignTriggers.SetAsync(factory, ApplyJob, agencyId, brand, now + RetryInterval, RetryInterval, cancellationToken, BrandKey);

    /// <summary>Removes the brand's trigger, if it has one.</summary>
    public Task RemoveAsync(string agencyId, string brand, CancellationToken cancellationToken = default) =>
        CampaignTriggers.RemoveAsync(factory, Group, agencyId, brand, cancellationToken);

    /// <summary>The trigger's next firing, or null when the brand has none (for tests and operators).</summary>
    public async Task<DateTimeOffset?> NextAsync(string agencyId, string brand, CancellationToken cancellationToken = default)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        return (await scheduler.GetTrigger(CampaignTriggers.Key(Group, agencyId, brand), cancellationToken))?.NextFireTimeUtc;
    }
}
