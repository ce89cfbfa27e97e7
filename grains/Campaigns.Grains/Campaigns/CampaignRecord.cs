using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Common;
using Microsoft.Extensions.Logging;

namespace Campaigns.Grains.Campaigns;

/// <summary>
/// How a campaign grain writes: its state first, in one durable write that also carries the timeline events of the
/// change (an outbox); then the read-model row and those events, and the pushes table brought into line with the
/// status. A failed state write leaves memory as it was, so the grain never acts on a change that is not durable. What
/// follows it is only retried when it fails (the command has happened and is answered as such): by a repair timer of
/// the grain's activation (<see cref="ApplyAsync"/>), and by its next activation, which finds the flags this writes
/// with the state (<see cref="RepairIfLagging"/>). One per activation.
/// </summary>
public sealed class CampaignRecord(
    IGrainBase grain, IPersistentState<CampaignState> state, CampaignJournal journal, CampaignPushes pushes, TimeProvider clock, ILogger logger)
{
    /// <summary>How soon a change not yet applied to the pushes table, or not yet projected, is tried again.</summary>
    private static readonly TimeSpan RepairRetry = TimeSpan.FromSeconds(5);

    private OneShotTimer? _repair;

    private OneShotTimer Repair => _repair ??= new OneShotTimer(grain, () => ApplyAsync(repair: true));

    /// <summary>True while the read model, the timeline or the pushes table may lag behind the state.</summary>
    public bool Lagging => state.State.Unprojected || state.State.Unsent.Count > 0 || state.State.PushesPending || Unwatched;

    /// <summary>A campaign launched by a version without durable completion checks: it gets one (<see cref="ApplyAsync"/>).</summary>
    private bool Unwatched => state.State is { LastPushAt: null, Campaign.Status: CampaignStatus.Scheduled or CampaignStatus.Running };

    /// <summary>On activation: a record whose last change may not have been applied or projected is repaired at once.</summary>
    public void RepairIfLagging()
    {
        if (Lagging)
        {
            Repair.Arm(TimeSpan.Zero);
        }
    }

    /// <summary>
    /// Writes <paramref name="campaign"/> (a new version), the <paramref name="change"/> to the rest of the state and
    /// the <paramref name="events"/>, durably; then tries to project them, retried by the repair timer should that fail.
    /// Throws only when the state write failed.
    /// </summary>
    public async Task SaveAsync(CampaignSnapshot campaign, Action<CampaignState>? change, IReadOnlyList<TimelineEvent> events)
    {
        if (!await WriteAsync(campaign, change, events))
        {
            Repair.Arm(RepairRetry);
        }
    }

    private async Task<bool> WriteAsync(CampaignSnapshot campaign, Action<CampaignState>? change, IReadOnlyList<TimelineEvent> events)
    {
        var before = state.State.Copy();
        state.State.Campaign = before.Campaign is { } previous
            ? campaign with { UpdatedAt = clock.GetUtcNow(), Version = previous.Version + 1 }
            : campaign;
        change?.Invoke(state.State);
        state.State.Unsent.AddRange(events);
        state.State.Unprojected = true;
        try
        {
            await StorageCalls.Guard(state.WriteStateAsync);
        }
        catch
        {
            state.State = before;
            throw;
        }
        return await FlushAsync();
    }

    /// <summary>
    /// Brings the pushes table (and read model, timeline) into line with the saved status. The status is durable
    /// already, so a failure here is not the command's: it is retried by the repair timer until done, and by the next
    /// activation.
    /// </summary>
    public async Task ApplyAsync(bool repair = false)
    {
        if (!await TryApplyAsync(repair))
        {
            logger.LogWarning("Campaign {CampaignId}: its pushes, timeline or read model lag behind its state; retrying", state.State.Campaign?.Id);
            Repair.Arm(RepairRetry);
        }
    }

    /// <summary>
    /// Brings the pushes table into line with the saved status (<see cref="CampaignPushes.MatchAsync"/>), once per
    /// status change, then flushes; false when storage refused (retry later). A cancel notes how many pushes it
    /// cancelled, unless a repair found none left (the first attempt cancelled them and its event was lost with a crash).
    /// </summary>
    private async Task<bool> TryApplyAsync(bool repair)
    {
        if (state.State.Campaign is { } campaign)
        {
            try
            {
                await WatchIfUnwatchedAsync(campaign);
                if (state.State.PushesPending)
                {
                    var cancelled = await pushes.MatchAsync(campaign.AgencyId, campaign.Id, campaign.Status);
                    state.State.PushesPending = false;
                    if (campaign.Status == CampaignStatus.Cancelled && (!repair || cancelled > 0))
                    {
                        // Durable with the next write, if there is one; a crash before the flush loses only this event.
                        state.State.Unsent.Add(journal.Event("pushes-cancelled", $"{cancelled} pushes that had not fired were cancelled."));
                    }
                }
            }
            catch (StorageUnavailableException)
            {
                return false;
            }
        }
        return await FlushAsync();
    }

    /// <summary>Sets the durable completion check of a campaign launched without one; the next write records that it has it.</summary>
    private async Task WatchIfUnwatchedAsync(CampaignSnapshot campaign)
    {
        if (Unwatched)
        {
            var now = clock.GetUtcNow();
            await pushes.WatchAsync(campaign.AgencyId, campaign.Id, now);
            state.State.LastPushAt = now;
        }
    }

    /// <summary>Brings the read model and the timeline up to the state; false when storage refused (retry later).</summary>
    private async Task<bool> FlushAsync()
    {
        if (state.State.Campaign is not { } campaign)
        {
            return true;
        }
        try
        {
            if (state.State.Unprojected)
            {
                await journal.ProjectAsync(campaign);
                state.State.Unprojected = false;
            }
            await journal.AppendAsync(campaign.AgencyId, campaign.Id, state.State.Unsent);
            state.State.Unsent.Clear();
            return true;
        }
        catch (StorageUnavailableException)
        {
            return false;
        }
    }
}
