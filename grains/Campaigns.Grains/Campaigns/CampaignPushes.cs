
using Campaigns.Domain.Common;
using Campaigns.Domain.Pushes;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Exchanges;
using Campaigns.Grains.Common;
using Campaigns.Grains.Exchanges;
using Campaigns.Scheduling.Campaigns;
using Campaigns.Scheduling.Pushes;
using Campaigns.Scheduling;
using Campaigns.Storage.Pushes;
namespace Campaigns.Grains.Campaigns;

/// <summary>
/// What a campaign's lifecycle does to its pushes and their triggers: store them, hold, release or cancel them all, count
/// them, and keep the durable completion trigger. Every change is a conditional update, so applying one again (a
/// repair after a crash) changes nothing twice.
/// </summary>
public sealed class CampaignPushes(OwnerPushes pushes, PushQueries queries, PushTriggers triggers, CompletionChecks completion, IGrainFactory grains, TimeProvider clock)
{
    /// <summary>
    /// Stores a launch's pushes. An exchange campaign's go through the agency's ledger, which stores them with their
    /// exchanges and pending credits in one transaction, or refuses (422, returned) and stores nothing.
    /// </summary>
    public async Task<CommandError?> StoreLaunchAsync(CampaignSnapshot campaign, List<PushRow> rows, List<LaunchPush> plan)
    {
        if (campaign.Definition.Kind == StrategyKind.Exchange)
        {
            var ledger = grains.GetGrain<IExchangeLedgerGrain>(ExchangeLedger.Key(campaign.AgencyId));
            return (await ledger.Reserve(campaign.Id, ExchangeCampaignDrafts.From(rows, plan))).Error;
        }
        await StoreAsync(rows);
        return null;
    }

    /// <summary>Inserts the pushes (those already stored are kept) and ensures the triggers of those not gated.</summary>
    private async Task StoreAsync(IReadOnlyList<PushRow> rows)
    {
        await StorageCalls.Guard(() => pushes.InsertAsync(rows));
        await StorageCalls.Guard(() => triggers.EnsureAsync(rows.Where(r => r.Gated == 0).Select(r => DateTimeOffset.FromUnixTimeMilliseconds(r.DueAt))));
    }

    /// <summary>Holds every scheduled push of the campaign (pause); returns how many.</summary>
    private Task<int> HoldAsync(string agencyId, string campaignId) =>
        StorageCalls.Guard(() => pushes.SetHeldAsync(agencyId, campaignId, true, Now));

    /// <summary>
    /// Releases the campaign's held pushes (resume, or pushes held while a launch was not yet saved) and ensures
    /// triggers for them: those already due fire at once. Returns how many it released.
    /// </summary>
    private async Task<int> ReleaseAsync(string agencyId, string campaignId)
    {
        var now = Now;
        var released = await StorageCalls.Guard(() => pushes.SetHeldAsync(agencyId, campaignId, false, now));
        if (released > 0)
        {
            // Nothing released means nothing new to trigger: pushes released earlier had their triggers ensured then,
            // or, were that lost, are dispatched by the sweeper once due.
            var due = await StorageCalls.Guard(() => queries.DueInstantsAsync(agencyId, campaignId));
            await StorageCalls.Guard(() => triggers.EnsureReleasedAsync(due, now));
        }
        return released;
    }

    /// <summary>Cancels every push of the campaign that has not fired; returns how many.</summary>
    private Task<int> CancelAsync(string agencyId, string campaignId) =>
        StorageCalls.Guard(() => pushes.CancelScheduledAsync(agencyId, campaignId, Now));

    /// <summary>How the campaign's pushes ended ("3 published, 1 failed"), or null while any is still scheduled or publishing.</summary>
    public async Task<string?> SettledAsync(string agencyId, string campaignId)
    {
        var counts = await StorageCalls.Guard(() => queries.CountsAsync(agencyId, campaignId));
        if (counts.GetValueOrDefault(PushStatus.Scheduled) + counts.GetValueOrDefault(PushStatus.Publishing) > 0)
        {
            return null;
        }
        return string.Join(", ", Enum.GetValues<PushStatus>().Where(counts.ContainsKey).Select(s => $"{counts[s]} {WireName<PushStatus>.Of(s)}"));
    }

    /// <summary>
    /// Brings the pushes into line with a saved status: held while paused, released while scheduled or running, cancelled
    /// once cancelled; once the campaign has ended its completion trigger goes. Returns how many pushes it cancelled.
    /// </summary>
    public async Task<int> MatchAsync(string agencyId, string campaignId, CampaignStatus status)
    {
        switch (status)
        {
            case CampaignStatus.Paused:
                await HoldAsync(agencyId, campaignId);
                return 0;
            case CampaignStatus.Scheduled or CampaignStatus.Running:
                await ReleaseAsync(agencyId, campaignId);
                return 0;
            case CampaignStatus.Cancelled or CampaignStatus.Completed:
                var cancelled = status == CampaignStatus.Cancelled ? await CancelAsync(agencyId, campaignId) : 0;
                await UnwatchAsync(agencyId, campaignId);
                return cancelled;
            default:
                return 0;
        }
    }

    /// <summary>Sets the durable completion check to start after <paramref name="after"/>.</summary>
    public Task WatchAsync(string agencyId, string campaignId, DateTimeOffset after) =>
        StorageCalls.Guard(() => completion.ArmAsync(agencyId, campaignId, after));

    /// <summary>Removes the durable completion check.</summary>
    public Task UnwatchAsync(string agencyId, string campaignId) =>
        StorageCalls.Guard(() => completion.RemoveAsync(agencyId, campaignId));

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
