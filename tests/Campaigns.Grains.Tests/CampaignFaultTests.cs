
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Pushes;
using Campaigns.Grains.Tests.Support;
using Campaigns.Storage.Pushes;
using Campaigns.Storage;
using Campaigns.Testing;
namespace Campaigns.Grains.Tests;

/// <summary>
/// Storage failing in the middle of a campaign command: a command that fails leaves nothing that fires (and its retry
/// completes it), and a command whose decision is durable is answered as done even when what follows it fails.
/// </summary>
public sealed class CampaignFaultTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private StorageSettings Settings => fixture.Settings;

    private async Task<(string Agency, string Id, ICampaignGrain Grain)> DraftAsync()
    {
        var (agency, id) = (Drafts.NewAgencyId(), CampaignPlans.NewId());
        var grain = fixture.Grains.GetGrain<ICampaignGrain>(GrainKeys.For(agency, id));
        await grain.Create(CampaignPlans.Matrix());
        return (agency, id, grain);
    }

    private List<LaunchPush> Plan() => CampaignPlans.Plan(fixture.Clock.GetUtcNow().AddHours(1), 0, "acc_a", "acc_b");

    [Fact]
    public async Task A_launch_whose_save_fails_leaves_pushes_that_are_held_when_due_and_its_retry_releases_them()
    {
        var (agency, id, grain) = await DraftAsync();
        await using (await Faults.FailStateWritesAsync(Settings, id))
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => grain.Launch(Plan(), []));
        }
        // The pushes were stored before the launch failed to save: the campaign is still a draft.
        var pushes = await Tables.PushesAsync(Settings, agency, id);
        Assert.Equal(2, pushes.Count);
        Assert.Equal(CampaignStatus.Draft, (await grain.Get())!.Status);

        // One of them comes due and is claimed: its draft campaign says hold, never fire. Guarded by
        // "CampaignStatus.Draft or CampaignStatus.Paused => FireDecision.Hold" in CampaignGrain.DecideFire (without it a
        // draft's push is cancelled, and the retried launch below could never schedule it again).
        Assert.True(await Tables.ClaimAsync(Settings, agency, pushes[0].Id));
        Assert.Equal(FireDecision.Hold, await grain.DecideFire(pushes[0].Id));
        Assert.True(await new PushOutcomes(new DbConnectionFactory(Settings)).HoldClaimedAsync(agency, pushes[0].Id, Tables.Holder, 0));
        Assert.Equal("scheduled/1", (await Tables.PushesAsync(Settings, agency, id)).Select(p => $"{p.Status}/{p.Held}").First());

        // The same launch again (the client's retry) completes it, and releases the push the draft held. Guarded by
        // "await ReleaseAsync(agencyId, campaignId)" for a scheduled status in CampaignPushes.MatchAsync.
        Assert.Equal(CampaignStatus.Scheduled, (await grain.Launch(Plan(), [])).Value!.Status);
        Assert.All(await Tables.PushesAsync(Settings, agency, id), p => Assert.Equal("scheduled/0", $"{p.Status}/{p.Held}"));
        Assert.Equal(FireDecision.Fire, await grain.DecideFire(pushes[0].Id));
        await grain.FireEnded(pushes[0].Id);
    }

    [Fact]
    public async Task A_pause_whose_save_fails_changes_nothing()
    {
        var (agency, id, grain) = await DraftAsync();
        await grain.Launch(Plan(), []);
        await using (await Faults.FailStateWritesAsync(Settings, id))
        {
            await Assert.ThrowsAsync<StorageUnavailableException>(() => grain.Pause(CampaignReasons.Requested));
        }
        // The save comes before the hold: "await SaveAsync(... Paused ...)" precedes "await Record.ApplyAsync()" in
        // CampaignGrain.Pause. Held first, the pushes would now be held while the campaign is scheduled, with nothing
        // left to release them, after an answer that said nothing changed.
        Assert.All(await Tables.PushesAsync(Settings, agency, id), p => Assert.Equal(0, p.Held));
        Assert.Equal(CampaignStatus.Scheduled, (await grain.Get())!.Status);
        Assert.Equal(FireDecision.Fire, await grain.DecideFire("psh_any"));
        await grain.FireEnded("psh_any");
    }

    [Fact]
    public async Task A_pause_saved_but_not_applied_to_its_pushes_is_answered_holds_them_when_due_and_is_finished_later()
    {
        var (agency, id, grain) = await DraftAsync();
        await grain.Launch(Plan(), []);
        await using (await Faults.FailAsync(Settings, "pushes", "UPDATE", $"NEW.campaign_id = '{id}' AND NEW.held = 1"))
        {
            var paused = await grain.Pause(CampaignReasons.Requested);
            Assert.Equal(CampaignStatus.Paused, paused.Value!.Status);
            Assert.All(await Tables.PushesAsync(Settings, agency, id), p => Assert.Equal(0, p.Held));
            Assert.Equal(FireDecision.Hold, await grain.DecideFire("psh_any"));
        }
        // Guarded by "Repair.Arm(RepairRetry)" in CampaignRecord.ApplyAsync: the grain retries until the table matches.
        await fixture.UntilAsync(async () => (await Tables.PushesAsync(Settings, agency, id)).All(p => p.Held == 1));
    }

    [Fact]
    public async Task A_command_whose_read_model_and_timeline_writes_fail_is_answered_and_they_catch_up()
    {
        var (agency, id, grain) = await DraftAsync();
        Assert.Equal("draft", await Tables.CampaignRowStatusAsync(Settings, agency, id));
        await using (await Faults.FailAsync(Settings, "campaigns", "UPDATE", $"NEW.id = '{id}'"))
        await using (await Faults.FailAsync(Settings, "campaign_events", "INSERT", $"NEW.campaign_id = '{id}'"))
        {
            // Guarded by "catch (StorageUnavailableException) { return false; }" in CampaignRecord.FlushAsync: the launch
            // is durable, so it is not answered as a failure (a 503 would say nothing changed).
            Assert.Equal(CampaignStatus.Scheduled, (await grain.Launch(Plan(), [])).Value!.Status);
            Assert.Equal("draft", await Tables.CampaignRowStatusAsync(Settings, agency, id));
            Assert.Equal(["created"], await Tables.TimelineAsync(Settings, agency, id));
        }
        await fixture.UntilAsync(async () => await Tables.CampaignRowStatusAsync(Settings, agency, id) == "scheduled");
        await fixture.UntilAsync(async () => (await Tables.TimelineAsync(Settings, agency, id)).SequenceEqual(["created", "launched"]));
    }
}
