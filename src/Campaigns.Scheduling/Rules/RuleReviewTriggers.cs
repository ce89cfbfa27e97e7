
using Campaigns.Scheduling.Campaigns;
using Quartz;
namespace Campaigns.Scheduling.Rules;

/// <summary>
/// One durable trigger per campaign with open rule windows: it wakes the campaign when its next rule window closes.
/// A grain timer would die with its activation (idle collection, a restart, a lost silo) and the embedded SQLite
/// default has no Orleans reminders; a Quartz trigger survives all three and fires on one node only. It repeats
/// every <see cref="RetryInterval"/> until the campaign replaces it (next window) or removes it (none left), so a
/// review that failed (a silo shutting down, storage away) is tried again rather than lost.
/// </summary>
public sealed class RuleReviewTriggers(ISchedulerFactory factory)
{
    public const string Group = "rules";
    public const string AgencyKey = CampaignTriggers.AgencyKey, CampaignKey = CampaignTriggers.CampaignKey;
    public static readonly JobKey ReviewJob = new("review", Group);

    /// <summary>How soon a review is tried again when the campaign did not replace or remove its trigger.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(30);

    /// <summary>Sets the campaign's review instant (replacing an earlier one); a missed instant fires as soon as a scheduler runs.</summary>
    public Task EnsureAsync(string agencyId, string campaignId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        CampaignTriggers.SetAsync(factory, ReviewJob, agencyId, campaignId, at, RetryInterval, cancellationToken);

    /// <summary>Removes the campaign's review trigger, if it has one.</summary>
    public Task RemoveAsync(string agencyId, string campaignId, CancellationToken cancellationToken = default) =>
        CampaignTriggers.RemoveAsync(factory, Group, agencyId, campaignId, cancellationToken);
}
