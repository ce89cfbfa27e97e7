using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Common;

namespace Campaigns.Grains.Campaigns;

/// <summary>
/// How a campaign grain writes: its state first, in one durable write that also carries the timeline events of the
/// change (an outbox); then the read-model row and those events, and the pushes table brought into line with the
/// status. A failed state write leaves memory as it was, so the grain never acts on a change that is not durable. What
/// follows it is only retried when it fails (the command has happened and is answered as such): by the grain's repair
/// timer, and by its next activation, which finds the flags this writes with the state.
/// </summary>
public sealed class CampaignRecord(IPersistentState<CampaignState> state, CampaignJournal journal, CampaignPushes pushes, TimeProvider clock)
{
    /// <summary>True while the read model, the timeline or the pushes table may lag behind the state.</summary>
    public bool Lagging => state.State.Unprojected || state.State.Unsent.Count > 0 || state.State.PushesPending || Unwatched;

    /// <summary>A campaign launched by a version without durable completion checks: it gets one (<see cref="ApplyAsync"/>).</summary>
    private bool Unwatched => state.State is { LastPushAt: null, Campaign.Status: CampaignStatus.Scheduled or CampaignStatus.Running };

    /// <summary>
    /// Writes <paramref name="campaign"/> (a new version), the <paramref name="change"/> to the rest of the state and
    /// the <paramref name="events"/>, durably; then tries to project them. Throws only when the state write failed.
    /// </summary>
    public async Task<bool> SaveAsync(CampaignSnapshot campaign, Action<CampaignState>? change, IReadOnlyList<TimelineEvent> events)
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
    /// Brings the pushes table into line with the saved status (<see cref="CampaignPushes.MatchAsync"/>), once per
    /// status change, then flushes; false when storage refused (retry later). A cancel notes how many pushes it
    /// cancelled, unless a repair found none left (the first attempt cancelled them and its event was lost with a crash).
    /// </summary>
    public async Task<bool> ApplyAsync(bool repair)
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
    public async Task<bool> FlushAsync()
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
