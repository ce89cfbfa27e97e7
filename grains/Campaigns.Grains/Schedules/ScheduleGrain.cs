using System.Text.Json;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Domain.Pushes;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Pushes;
using Campaigns.Grains.Abstractions.Schedules;
using Campaigns.Grains.Abstractions.Videos;
using Campaigns.Grains.Common;
using Campaigns.Grains.Pushes;
using Campaigns.Scheduling;
using Campaigns.Scheduling.Pushes;
using Campaigns.Scheduling.Schedules;
using Campaigns.Storage.Accounts;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Pushes;
using Campaigns.Storage.Schedules;
using Campaigns.Storage.Videos;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Campaigns.Grains.Schedules;

/// <summary>
/// A recurring schedule. At each cron instant every account posts the next video of the queue (account i takes
/// the video i places further on, so accounts sharing a platform never post the same video at once); the pushes
/// then take the same path as a campaign's. Create stores the trigger before the schedule (a trigger without a
/// schedule removes itself when it fires); delete saves the deletion before removing the trigger (a deleted
/// schedule's trigger, should it fire, removes itself too), so neither leaves anything half-done that fires.
/// </summary>
public sealed class ScheduleGrain(
    [PersistentState("schedule", StorageNames.Campaigns)] IPersistentState<ScheduleState> state,
    ScheduleStore schedules,
    ScheduleFiring firing,
    PushQueries pushQueries,
    ScheduleTriggers scheduleTriggers,
    TimeProvider clock,
    ILogger<ScheduleGrain> logger) : Grain, IScheduleGrain
{
    /// <summary>How soon a projection or a deletion's clean-up that failed is tried again.</summary>
    private static readonly TimeSpan RepairRetry = TimeSpan.FromSeconds(5);

    private OneShotTimer? _repair;

    private (string AgencyId, string Id) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    private OneShotTimer Repair => _repair ??= new OneShotTimer(this, RepairAsync);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Unprojected || state.State.Retiring)
        {
            Repair.Arm(TimeSpan.Zero);
        }
        return base.OnActivateAsync(cancellationToken);
    }

    public Task<ScheduleSnapshot?> Get() => Task.FromResult(state.State.Schedule);

    public async Task<Outcome<ScheduleSnapshot>> Create(ScheduleDefinition definition)
    {
        var (agencyId, id) = Key;
        if (state.State.Schedule is not null)
        {
            return Outcome<ScheduleSnapshot>.Fail(ErrorKind.Conflict, $"Schedule {id} already exists.");
        }
        var schedule = new ScheduleSnapshot(id, agencyId, definition, true, 0, null, clock.GetUtcNow(), 1);
        // The trigger first: should the save below fail, the trigger finds no schedule when it fires and removes itself.
        await StorageCalls.Guard(() => scheduleTriggers.EnsureAsync(agencyId, id, definition.Cron, definition.TimeZone));
        await SaveAsync(schedule);
        logger.LogInformation("Schedule {ScheduleId} created: {Cron} in {TimeZone}", id, definition.Cron, definition.TimeZone);
        return Outcome<ScheduleSnapshot>.Ok(schedule);
    }

    public async Task Fire(DateTimeOffset instant)
    {
        var (agencyId, id) = Key;
        if (state.State.Schedule is not { Active: true } schedule)
        {
            // Never created (its create failed after storing the trigger) or deleted (the removal failed): no more firings.
            await StorageCalls.Guard(() => scheduleTriggers.RemoveAsync(agencyId, id));
            return;
        }
        if (schedule.LastFiredAt >= instant)
        {
            return; // this instant was already fired (a recovered job firing twice)
        }
        await firing.WriteAsync(agencyId, id, schedule, instant);
        await SaveAsync(schedule with { Fired = schedule.Fired + 1, LastFiredAt = instant, Version = schedule.Version + 1 });
    }

    public async Task<Outcome<ScheduleSnapshot>> Delete()
    {
        var (agencyId, id) = Key;
        if (state.State.Schedule is not { Active: true } schedule)
        {
            return Outcome<ScheduleSnapshot>.Fail(ErrorKind.NotFound, $"Schedule {id} was not found.");
        }
        // The deletion first: from here on the trigger fires nothing and the pushes hear "cancel" when they ask.
        var deleted = schedule with { Active = false, Version = schedule.Version + 1 };
        await SaveAsync(deleted, retiring: true);
        await RetireAsync();
        return Outcome<ScheduleSnapshot>.Ok(deleted);
    }

    /// <summary>Fire, unless the schedule was deleted (cancel) or the push's brand is frozen (hold).</summary>
    public Task<FireDecision> DecideFire(string pushId) =>
        state.State.Schedule is not { Active: true }
            ? Task.FromResult(FireDecision.Cancel)
            : Brands.BrandHolds.DecideAsync(GrainFactory, pushQueries, Key.AgencyId, pushId);

    public Task FireEnded(string pushId) => Task.CompletedTask;

    /// <summary>A schedule has no gates or rules: engagement of its pushes is recorded and rolled up, nothing more.</summary>
    public Task MetricsRecorded(IReadOnlyList<string> pushIds) => Task.CompletedTask;

    public Task PushSettled(string pushId, PushStatus status, string? detail)
    {
        if (status is PushStatus.Failed or PushStatus.Skipped)
        {
            logger.LogInformation("Scheduled push {PushId} {Status}: {Detail}", pushId, status, detail);
        }
        return Task.CompletedTask;
    }

    /// <summary>Writes the state durably (throws when that fails), then the read model (retried when that fails).</summary>
    private async Task SaveAsync(ScheduleSnapshot schedule, bool retiring = false)
    {
        var before = (state.State.Schedule, state.State.Unprojected, state.State.Retiring);
        (state.State.Schedule, state.State.Unprojected, state.State.Retiring) = (schedule, true, retiring || state.State.Retiring);
        try
        {
            await StorageCalls.Guard(state.WriteStateAsync);
        }
        catch
        {
            (state.State.Schedule, state.State.Unprojected, state.State.Retiring) = before;
            throw;
        }
        await ProjectAsync();
    }

    private async Task ProjectAsync()
    {
        if (state.State is not { Unprojected: true, Schedule: { } schedule })
        {
            return;
        }
        var (agencyId, id) = Key;
        try
        {
            await StorageCalls.Guard(() => schedules.UpsertAsync(agencyId, id, schedule.Active, schedule.Version,
                schedule.CreatedAt.ToUnixTimeMilliseconds(), clock.GetUtcNow().ToUnixTimeMilliseconds(), Documents.Serialize(schedule)));
            state.State.Unprojected = false;
        }
        catch (StorageUnavailableException ex)
        {
            logger.LogWarning(ex, "Schedule {ScheduleId}: its read-model row lags; retrying", id);
            Repair.Arm(RepairRetry);
        }
    }

    /// <summary>A deleted schedule's trigger goes and its unfired pushes are cancelled; retried until done.</summary>
    private async Task RetireAsync()
    {
        if (!state.State.Retiring)
        {
            return;
        }
        var (agencyId, id) = Key;
        try
        {
            await StorageCalls.Guard(() => scheduleTriggers.RemoveAsync(agencyId, id));
            await firing.CancelUnfiredAsync(agencyId, id);
            state.State.Retiring = false;
        }
        catch (StorageUnavailableException ex)
        {
            logger.LogWarning(ex, "Schedule {ScheduleId}: deleted, but its trigger or pushes are not cleaned up yet; retrying", id);
            Repair.Arm(RepairRetry);
        }
    }

    private async Task RepairAsync()
    {
        await ProjectAsync();
        await RetireAsync();
    }
}
