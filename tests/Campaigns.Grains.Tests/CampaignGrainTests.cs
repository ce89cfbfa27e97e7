
using Campaigns.Domain.Pushes;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Pushes;
using Campaigns.Grains.Tests.Support;
using Campaigns.Scheduling.Campaigns;
using Campaigns.Scheduling;
using Campaigns.Storage;
using Campaigns.Testing;
using Microsoft.Extensions.DependencyInjection;
namespace Campaigns.Grains.Tests;

/// <summary>The lifecycle grain's decisions: which transitions it allows, what a due push may do, what each command leaves in the tables.</summary>
public sealed class CampaignGrainTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private StorageSettings Settings => fixture.Settings;

    private ICampaignGrain Campaign(string agencyId, string id) => fixture.Grains.GetGrain<ICampaignGrain>(GrainKeys.For(agencyId, id));

    private CompletionChecks Checks => fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<CompletionChecks>();

    [Fact]
    public async Task A_due_push_fires_only_while_its_campaign_is_scheduled_or_running()
    {
        var (agency, id) = (Drafts.NewAgencyId(), CampaignPlans.NewId());
        var grain = Campaign(agency, id);
        Assert.Equal(FireDecision.Cancel, await grain.DecideFire("psh_unknown")); // no such campaign

        await grain.Create(CampaignPlans.Matrix());
        // A draft's pushes exist only if a launch stored them and failed before saving: they wait, never fire.
        Assert.Equal(FireDecision.Hold, await grain.DecideFire("psh_x"));

        var start = fixture.Clock.GetUtcNow().AddHours(1);
        Assert.True((await grain.Launch(CampaignPlans.Plan(start, 0, "acc_a", "acc_b"), [])).Succeeded);
        Assert.Equal(FireDecision.Fire, await grain.DecideFire("psh_x"));
        await grain.FireEnded("psh_x");

        Assert.Equal(CampaignStatus.Paused, (await grain.Pause(CampaignReasons.Requested)).Value!.Status);
        Assert.Equal(FireDecision.Hold, await grain.DecideFire("psh_x"));
        Assert.Equal(CampaignStatus.Scheduled, (await grain.Resume(CampaignReasons.Requested)).Value!.Status);
        Assert.Equal(FireDecision.Fire, await grain.DecideFire("psh_x"));
        await grain.FireEnded("psh_x");

        await grain.PushSettled("psh_x", PushStatus.Published, null);
        await fixture.UntilAsync(async () => (await grain.Get())!.Status == CampaignStatus.Running);
        Assert.Equal(FireDecision.Fire, await grain.DecideFire("psh_y"));
        await grain.FireEnded("psh_y");

        Assert.Equal(CampaignStatus.Cancelled, (await grain.Cancel(CampaignReasons.Requested)).Value!.Status);
        Assert.Equal(FireDecision.Cancel, await grain.DecideFire("psh_y"));
    }

    [Fact]
    public async Task Commands_out_of_turn_are_refused_and_change_nothing()
    {
        var (agency, id) = (Drafts.NewAgencyId(), CampaignPlans.NewId());
        var grain = Campaign(agency, id);
        var plan = CampaignPlans.Plan(fixture.Clock.GetUtcNow().AddHours(1), 0, "acc_a");
        Assert.Equal(ErrorKind.NotFound, (await grain.Launch(plan, [])).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await grain.Pause(CampaignReasons.Requested)).Error!.Kind);

        await grain.Create(CampaignPlans.Matrix());
        Assert.Equal(ErrorKind.Conflict, (await grain.Create(CampaignPlans.Matrix())).Error!.Kind);
        Assert.Equal(ErrorKind.Conflict, (await grain.Pause(CampaignReasons.Requested)).Error!.Kind);
        Assert.Equal(ErrorKind.Conflict, (await grain.Resume(CampaignReasons.Requested)).Error!.Kind);
        Assert.Equal(ErrorKind.Unprocessable, (await grain.Launch([], [])).Error!.Kind);
        Assert.Empty(await Tables.PushesAsync(Settings, agency, id));

        Assert.True((await grain.Launch(plan, [])).Succeeded);
        Assert.Equal("A scheduled campaign cannot be launched.", (await grain.Launch(plan, [])).Error!.Message);
        Assert.Equal(ErrorKind.Conflict, (await grain.Resume(CampaignReasons.Requested)).Error!.Kind);
        Assert.True((await grain.Pause(CampaignReasons.Requested)).Succeeded);
        Assert.Equal(ErrorKind.Conflict, (await grain.Pause(CampaignReasons.Requested)).Error!.Kind);
        // Paused by hand: an unfreeze of its brand does not resume it.
        Assert.Equal(ErrorKind.Conflict, (await grain.Resume(CampaignReasons.BrandFreeze)).Error!.Kind);
        Assert.True((await grain.Cancel(CampaignReasons.Requested)).Succeeded);
        Assert.Equal(ErrorKind.Conflict, (await grain.Cancel(CampaignReasons.Requested)).Error!.Kind);
        Assert.Equal(ErrorKind.Conflict, (await grain.Resume(CampaignReasons.Requested)).Error!.Kind);

        Assert.Equal(["created", "launched", "paused", "cancelled", "pushes-cancelled"], await Tables.TimelineAsync(Settings, agency, id));
        Assert.Equal(CampaignStatus.Cancelled, (await grain.Get())!.Status);
    }

    [Fact]
    public async Task Launch_stores_unheld_pushes_and_a_durable_completion_check_and_pause_resume_cancel_steer_them()
    {
        var (agency, id) = (Drafts.NewAgencyId(), CampaignPlans.NewId());
        var grain = Campaign(agency, id);
        await grain.Create(CampaignPlans.Matrix());
        var start = fixture.Clock.GetUtcNow().AddHours(1);

        var launched = (await grain.Launch(CampaignPlans.Plan(start, 0, "acc_a", "acc_b"), [])).Value!;

        Assert.Equal((CampaignStatus.Scheduled, 2), (launched.Status, launched.Planned));
        Assert.Equal(["scheduled/0", "scheduled/0"], (await Tables.PushesAsync(Settings, agency, id)).Select(p => $"{p.Status}/{p.Held}"));
        Assert.Equal("scheduled", await Tables.CampaignRowStatusAsync(Settings, agency, id));
        // The last push is due a minute after the first; the check starts one period (60 s) after it.
        Assert.Equal(start.AddMinutes(2), await Checks.NextAsync(agency, id));

        await grain.Pause(CampaignReasons.Requested);
        Assert.All(await Tables.PushesAsync(Settings, agency, id), p => Assert.Equal(1, p.Held));
        await grain.Resume(CampaignReasons.Requested);
        Assert.All(await Tables.PushesAsync(Settings, agency, id), p => Assert.Equal((0, "scheduled"), (p.Held, p.Status)));
        Assert.NotNull(await Checks.NextAsync(agency, id));

        await grain.Cancel(CampaignReasons.Requested);
        Assert.All(await Tables.PushesAsync(Settings, agency, id), p => Assert.Equal("cancelled", p.Status));
        Assert.Null(await Checks.NextAsync(agency, id));
        Assert.Equal("cancelled", await Tables.CampaignRowStatusAsync(Settings, agency, id));
    }

    [Fact]
    public async Task A_campaign_completes_once_every_push_has_settled_and_then_drops_its_completion_check()
    {
        var (agency, id) = (Drafts.NewAgencyId(), CampaignPlans.NewId());
        var grain = Campaign(agency, id);
        await grain.Create(CampaignPlans.Matrix());
        var start = fixture.Clock.GetUtcNow().AddMinutes(1);
        await grain.Launch(CampaignPlans.Plan(start, 0, "acc_a", "acc_b"), []);
        var pushes = await Tables.PushesAsync(Settings, agency, id);

        await Tables.PublishAsync(Settings, agency, pushes[0].Id, start);
        await grain.CheckCompletion();
        await grain.PushSettled(pushes[0].Id, PushStatus.Published, null);
        await fixture.UntilAsync(async () => (await grain.Get())!.Status == CampaignStatus.Running);
        await grain.CheckCompletion();
        Assert.Equal(CampaignStatus.Running, (await grain.Get())!.Status); // one push is still scheduled
        Assert.NotNull(await Checks.NextAsync(agency, id));

        await Tables.PublishAsync(Settings, agency, pushes[1].Id, start.AddMinutes(1));
        await grain.CheckCompletion();

        await fixture.UntilAsync(async () => (await grain.Get())!.Status == CampaignStatus.Completed);
        await fixture.UntilAsync(async () => await Checks.NextAsync(agency, id) is null);
        Assert.Equal(FireDecision.Cancel, await grain.DecideFire(pushes[1].Id));
        Assert.Equal(["created", "launched", "running", "completed"], await Tables.TimelineAsync(Settings, agency, id));
    }
}
