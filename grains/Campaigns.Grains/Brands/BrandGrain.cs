
using Campaigns.Grains.Abstractions.Brands;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Pushes;
using Campaigns.Grains.Common;
using Campaigns.Scheduling.Pushes;
using Campaigns.Scheduling.Brands;
using Campaigns.Storage.Brands;
using Campaigns.Storage.Campaigns;
using Microsoft.Extensions.Logging;
namespace Campaigns.Grains.Brands;

/// <summary>
/// The one owner of a brand's freeze. A freeze is recorded in this grain's state first; from then on the brand's
/// schedules and exchanges hear "hold" when their pushes ask (<see cref="IsFrozen"/>) and a campaign launched meanwhile
/// starts paused. Then it pauses the brand's campaigns (as registered here before they were created) and holds the
/// brand's other pushes so claims skip them. Should that fail part-way, the grain finishes it by itself (a timer while
/// active; a durable trigger, set before the decision is written, across crashes and deactivation), and a repeated
/// request finishes it too; an unfreeze undoes both the same way.
/// </summary>
public sealed class BrandGrain : Grain, IBrandGrain
{
    /// <summary>How soon a freeze or unfreeze that failed part-way is carried on.</summary>
    private static readonly TimeSpan ApplyRetry = TimeSpan.FromSeconds(10);

    private readonly IPersistentState<BrandState> _state;
    private readonly BrandFreezeStore _store;
    private readonly PushTriggers _triggers;
    private readonly BrandApplyTriggers _applying;
    private readonly TimeProvider _clock;
    private readonly ILogger<BrandGrain> _logger;
    private readonly OneShotTimer _retry;

    /// <summary>The freeze as durably recorded (the state may be ahead of it while a write is in flight).</summary>
    private bool _frozen;

    public BrandGrain(
        [PersistentState("brand", StorageNames.Campaigns)] IPersistentState<BrandState> state,
        BrandFreezeStore store, PushTriggers triggers, BrandApplyTriggers applying, TimeProvider clock, ILogger<BrandGrain> logger)
    {
        (_state, _store, _triggers, _applying, _clock, _logger) = (state, store, triggers, applying, clock, logger);
        _retry = new OneShotTimer(this, RetryAsync);
    }

    private (string AgencyId, string Brand) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A freeze made by a version before this grain existed is a row of brand_freezes: take it over.
        if (!_state.RecordExists && await StorageCalls.Guard(() => _store.LegacyFrozenAtAsync(Key.AgencyId, Key.Brand, cancellationToken)) is { } at)
        {
            _state.State.Frozen = true;
            _state.State.FrozenAt = DateTimeOffset.FromUnixTimeMilliseconds(at);
        }
        _frozen = _state.State.Frozen;
        if (_state.State.Applying)
        {
            _retry.Arm(TimeSpan.FromSeconds(1));
        }
        await base.OnActivateAsync(cancellationToken);
    }

    public Task<bool> IsFrozen() => Task.FromResult(_frozen);

    public Task Register(string campaignId) => StorageCalls.Guard(() => _store.RegisterAsync(Key.AgencyId, Key.Brand, campaignId));

    public Task<BrandFreezeResult> Freeze() => ChangeAsync(frozen: true);

    public Task<BrandFreezeResult> Unfreeze() => ChangeAsync(frozen: false);

    private async Task<BrandFreezeResult> ChangeAsync(bool frozen)
    {
        if (_state.State.Frozen != frozen || !_state.RecordExists)
        {
            // The trigger that finishes applying it exists before the decision does: a crash right after the write
            // still ends with the decision applied. Should the write fail, the trigger finds nothing to apply and goes.
            await StorageCalls.Guard(() => _applying.ArmAsync(Key.AgencyId, Key.Brand, _clock.GetUtcNow()));
            // The decision first, durably: from here on everything of the brand that asks hears it.
            var before = (_state.State.Frozen, _state.State.FrozenAt, _state.State.Applying);
            (_state.State.Frozen, _state.State.FrozenAt, _state.State.Applying) = (frozen, frozen ? _clock.GetUtcNow() : null, true);
            try
            {
                await StorageCalls.Guard(_state.WriteStateAsync);
            }
            catch
            {
                (_state.State.Frozen, _state.State.FrozenAt, _state.State.Applying) = before;
                throw;
            }
            _frozen = frozen;
        }
        BrandFreezeResult result;
        try
        {
            result = await ApplyAsync(frozen);
        }
        catch (Exception ex) when (ex is StorageUnavailableException or TimeoutException)
        {
            _retry.Arm(ApplyRetry);
            throw new CommandIncompleteException(
                $"The brand is {(frozen ? "frozen" : "unfrozen")}, but not every campaign and push of it is {(frozen ? "paused" : "resumed")} yet: " +
                "that continues by itself, and repeating the request finishes it.", ex);
        }
        await DoneAsync();
        return result;
    }

    /// <summary>
    /// Brings the brand's campaigns and other pushes into line with the freeze; each step is idempotent, so this runs
    /// again after a partial failure. The campaigns listed are those now paused (resumed) by it.
    /// </summary>
    private async Task<BrandFreezeResult> ApplyAsync(bool frozen)
    {
        var (agencyId, brand) = Key;
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        int others;
        if (frozen)
        {
            others = await StorageCalls.Guard(() => _store.HoldAsync(agencyId, brand, StandalonePushOwners.IdPrefixes, now));
        }
        else
        {
            var (released, due) = await StorageCalls.Guard(() => _store.ReleaseAsync(agencyId, brand, StandalonePushOwners.IdPrefixes, now));
            await StorageCalls.Guard(() => _triggers.EnsureReleasedAsync(due, now));
            others = released;
        }
        var changed = new List<string>();
        var ended = new List<string>();
        foreach (var id in await StorageCalls.Guard(() => _store.CampaignsAsync(agencyId, brand)))
        {
            var campaign = GrainFactory.GetGrain<ICampaignGrain>(GrainKeys.For(agencyId, id));
            var outcome = frozen ? await campaign.Pause(CampaignReasons.BrandFreeze) : await campaign.Resume(CampaignReasons.BrandFreeze);
            if (outcome.Succeeded)
            {
                changed.Add(id);
            }
            else if (await campaign.Get() is not { Status: not (CampaignStatus.Completed or CampaignStatus.Cancelled) })
            {
                ended.Add(id); // never created, or over: no freeze will change it again
            }
        }
        await StorageCalls.Guard(() => _store.ForgetAsync(agencyId, brand, ended));
        return new BrandFreezeResult(frozen, changed, others);
    }

    /// <summary>
    /// Records that the freeze is fully applied, then removes its trigger. Best effort: should the write fail, the trigger
    /// (or the next activation) applies it again, harmlessly; should the removal fail, the trigger's next run removes it.
    /// </summary>
    private async Task DoneAsync()
    {
        if (!_state.State.Applying)
        {
            return;
        }
        _state.State.Applying = false;
        try
        {
            await StorageCalls.Guard(_state.WriteStateAsync);
        }
        catch (StorageUnavailableException ex)
        {
            _state.State.Applying = true;
            _logger.LogWarning(ex, "Brand {Brand}: could not record that its freeze is applied; it will be applied again", Key.Brand);
            return;
        }
        await RemoveTriggerAsync();
    }

    public async Task FinishApplying()
    {
        if (!_state.State.Applying)
        {
            await RemoveTriggerAsync(); // applied already; only its trigger was left
            return;
        }
        await ApplyAsync(_state.State.Frozen);
        await DoneAsync();
        _logger.LogInformation("Brand {Brand}: {Change} finished by its trigger", Key.Brand, _state.State.Frozen ? "freeze" : "unfreeze");
    }

    private async Task RemoveTriggerAsync()
    {
        try
        {
            await StorageCalls.Guard(() => _applying.RemoveAsync(Key.AgencyId, Key.Brand));
        }
        catch (StorageUnavailableException ex)
        {
            _logger.LogWarning(ex, "Brand {Brand}: could not remove its apply trigger; its next run does", Key.Brand);
        }
    }

    private async Task RetryAsync()
    {
        if (!_state.State.Applying)
        {
            return;
        }
        try
        {
            await ApplyAsync(_state.State.Frozen);
            await DoneAsync();
            _logger.LogInformation("Brand {Brand}: {Change} finished", Key.Brand, _state.State.Frozen ? "freeze" : "unfreeze");
        }
        catch (Exception ex) when (ex is StorageUnavailableException or TimeoutException)
        {
            _logger.LogWarning(ex, "Brand {Brand}: applying its {Change} failed again; retrying", Key.Brand, _state.State.Frozen ? "freeze" : "unfreeze");
            _retry.Arm(ApplyRetry);
        }
    }
}
