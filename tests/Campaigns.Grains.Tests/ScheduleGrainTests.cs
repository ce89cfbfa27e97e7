
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Pushes;
using Campaigns.Grains.Abstractions.Schedules;
using Campaigns.Grains.Tests.Support;
using Campaigns.Scheduling.Schedules;
using Campaigns.Scheduling;
using Campaigns.Storage;
using Campaigns.Testing;
using Quartz;
namespace Campaigns.Grains.Tests;

/// <summary>Creating and deleting a schedule with storage failing between its trigger and its state: nothing half-done ever fires.</summary>
public sealed class ScheduleGrainTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private StorageSettings Settings => fixture.Settings;

    private static readonly ScheduleDefinition Daily = new("Evening", ["acc_a"], "0 0 20 * * ?", "Asia/Shanghai", ["vid_1"]);

    private (string Agency, string Id, IScheduleGrain Grain) New()
    {
        var (agency, id) = (Drafts.NewAgencyId(), Ids.New(ScheduleIds.Prefix));
        return (agency, id, fixture.Grains.GetGrain<IScheduleGrain>(GrainKeys.For(agency, id)));
    }

    private async Task<bool> HasTriggerAsync(string agency, string id) =>
        await (await StandbyScheduler.Of(fixture.Cluster)).GetTrigger(new TriggerKey($"{agency}/{id}", ScheduleTriggers.Group)) is not null;

    [Fact]
    public async Task A_create_whose_trigger_cannot_be_stored_saves_nothing()
    {
        var (agency, id, grain) = New();
        await using (await Faults.FailAsync(Settings, "QRTZ_TRIGGERS", "INSERT", $"NEW.TRIGGER_NAME = '{agency}/{id}'"))
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => grain.Create(Daily));
        }
        // The trigger comes before the save ("scheduleTriggers.EnsureAsync" precedes "SaveAsync" in ScheduleGrain.Create).
        Assert.Null(await grain.Get());
        Assert.False(await HasTriggerAsync(agency, id));
    }

    [Fact]
    public async Task A_trigger_left_by_a_create_whose_save_failed_fires_nothing_and_removes_itself()
    {
        var (agency, id, grain) = New();
        await using (await Faults.FailStateWritesAsync(Settings, id))
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => grain.Create(Daily));
        }
        Assert.Null(await grain.Get());
        Assert.True(await HasTriggerAsync(agency, id));

        // What the trigger's job does when it fires. Guarded by "scheduleTriggers.RemoveAsync" for a schedule that does
        // not exist in ScheduleGrain.Fire.
        await grain.Fire(fixture.Clock.GetUtcNow());

        Assert.Empty(await Tables.PushesAsync(Settings, agency, id));
        Assert.False(await HasTriggerAsync(agency, id));
    }

    [Fact]
    public async Task A_delete_whose_save_fails_changes_nothing_and_one_whose_clean_up_fails_is_answered_and_finished_later()
    {
        var (agency, id, grain) = New();
        Assert.True((await grain.Create(Daily)).Succeeded);
        await using (await Faults.FailStateWritesAsync(Settings, id))
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => grain.Delete());
        }
        // Saved before the trigger goes: the schedule is whole, trigger and all.
        Assert.True((await grain.Get())!.Active);
        Assert.True(await HasTriggerAsync(agency, id));

        await using (await Faults.FailAsync(Settings, "QRTZ_TRIGGERS", "DELETE", $"OLD.TRIGGER_NAME = '{agency}/{id}'"))
        {
            Assert.False((await grain.Delete()).Value!.Active);
            Assert.Equal(FireDecision.Cancel, await grain.DecideFire("psh_any"));
            Assert.True(await HasTriggerAsync(agency, id));
        }
        // Guarded by "Repair.Arm(RepairRetry)" in ScheduleGrain.RetireAsync.
        await fixture.UntilAsync(async () => !await HasTriggerAsync(agency, id));
    }
}
