using Campaigns.Domain.Pushes;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Tests.Support;
using Campaigns.Scheduling.Campaigns;
using Campaigns.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Grains.Tests;

/// <summary>When a campaign completes (<c>CampaignCompletion</c>): by itself after its pushes settle, and only while it is active.</summary>
public sealed class CampaignCompletionTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private StorageSettings Settings => fixture.Settings;

    private ICampaignGrain Campaign(string agencyId, string id) => fixture.Grains.GetGrain<ICampaignGrain>(GrainKeys.For(agencyId, id));

    private CompletionChecks Checks => fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<CompletionChecks>();

    [Fact]
    public async Task A_campaign_completes_by_itself_shortly_after_its_last_push_settles()
    {
        var (agency, id) = (Drafts.NewAgencyId(), CampaignPlans.NewId());
        var grain = Campaign(agency, id);
        await grain.Create(CampaignPlans.Matrix());
        var start = fixture.Clock.GetUtcNow().AddMinutes(1);
        await grain.Launch(CampaignPlans.Plan(start, 0, "acc_a"), []);
        var push = (await Tables.PushesAsync(Settings, agency, id)).Single();
        await Tables.PublishAsync(Settings, agency, push.Id, start);

        // Only the settlement: nobody calls CheckCompletion (the durable trigger never fires in these tests). Guarded by
        // "Completion.Soon()" in CampaignGrain.PushSettled: without it the campaign stays running.
        await grain.PushSettled(push.Id, PushStatus.Published, null);

        await fixture.UntilAsync(async () => (await grain.Get())!.Status == CampaignStatus.Completed);
        Assert.Equal(["created", "launched", "running", "completed"], await Tables.TimelineAsync(Settings, agency, id));
    }

    [Fact]
    public async Task A_paused_campaign_drops_its_completion_check_and_its_resume_sets_it_again()
    {
        var (agency, id) = (Drafts.NewAgencyId(), CampaignPlans.NewId());
        var grain = Campaign(agency, id);
        await grain.Create(CampaignPlans.Matrix());
        await grain.Launch(CampaignPlans.Plan(fixture.Clock.GetUtcNow().AddHours(1), 0, "acc_a"), []);
        await grain.Pause(CampaignReasons.Requested);
        Assert.NotNull(await Checks.NextAsync(agency, id)); // pausing leaves it; the next check finds nothing to watch

        // Guarded by "await pushes.UnwatchAsync(...)" in CampaignCompletion.SettledAsync: without it the trigger of a
        // paused campaign keeps firing for nothing. (One-way: what it did shows in the trigger.)
        await grain.CheckCompletion();

        await fixture.UntilAsync(async () => await Checks.NextAsync(agency, id) is null);
        Assert.Equal(CampaignStatus.Paused, (await grain.Get())!.Status);
        await grain.Resume(CampaignReasons.Requested);
        Assert.NotNull(await Checks.NextAsync(agency, id));
    }
}
