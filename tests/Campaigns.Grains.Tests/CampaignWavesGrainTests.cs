
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Waves;
using Campaigns.Grains.Tests.Support;
using Campaigns.Scheduling.Pushes;
using Campaigns.Scheduling.Waves;
using Campaigns.Scheduling;
using Campaigns.Storage;
using Quartz;
namespace Campaigns.Grains.Tests;

/// <summary>The waves grain's decisions: a gate opens on engagement, times out into a release or a stop, and waits while paused.</summary>
public sealed class CampaignWavesGrainTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private StorageSettings Settings => fixture.Settings;

    private async Task<(string Agency, string Id, ICampaignGrain Campaign, ICampaignWavesGrain Waves, DateTimeOffset Start)> LaunchAsync(WaveGate gate)
    {
        var (agency, id) = (Drafts.NewAgencyId(), CampaignPlans.NewId());
        var key = GrainKeys.For(agency, id);
        var campaign = fixture.Grains.GetGrain<ICampaignGrain>(key);
        await campaign.Create(CampaignPlans.TieIn(gate));
        var start = fixture.Clock.GetUtcNow().AddMinutes(1);
        var launched = await campaign.Launch([.. CampaignPlans.Plan(start, 0, "acc_a", "acc_b"), .. CampaignPlans.Plan(start.AddMinutes(5), 1, "acc_c", "acc_d")], []);
        Assert.True(launched.Succeeded, launched.Error?.Message);
        return (agency, id, campaign, fixture.Grains.GetGrain<ICampaignWavesGrain>(key), start);
    }

    private async Task PublishWaveAsync(string agency, string id, int wave, DateTimeOffset at, long views)
    {
        foreach (var push in (await Tables.PushesAsync(Settings, agency, id)).Where(p => p.Wave == wave))
        {
            await Tables.PublishAsync(Settings, agency, push.Id, at, views);
        }
    }

    private async Task<ITrigger?> DeadlineAsync(string agency, string id, int wave) =>
        await (await StandbyScheduler.Of(fixture.Cluster)).GetTrigger(new TriggerKey($"{agency}/{id}/{wave}", GateDeadlines.Group));

    [Fact]
    public async Task A_launch_gates_later_waves_and_arms_the_first_deadline_and_engagement_opens_the_gate_once()
    {
        var (agency, id, campaign, waves, start) = await LaunchAsync(new WaveGate(100, null, 60, GateTimeout.Stop));

        var progress = (await waves.Progress())!;
        Assert.Equal([2, 2], progress.Pushes);
        Assert.Equal([start], progress.ReleasedAt);
        Assert.Null(progress.StoppedAt);
        Assert.Equal(["0/0", "0/0", "1/1", "1/1"], (await Tables.PushesAsync(Settings, agency, id)).Select(p => $"{p.Wave}/{p.Gated}").Order());
        Assert.Equal(start.AddMinutes(60), (await DeadlineAsync(agency, id, 1))!.NextFireTimeUtc);

        await PublishWaveAsync(agency, id, 0, start, views: 40);
        await waves.Review();
        Assert.Single((await waves.Progress())!.ReleasedAt); // 80 views of 100: the gate waits

        await PublishWaveAsync(agency, id, 0, start, views: 60);
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        await waves.Review();
        await waves.Review();

        progress = (await waves.Progress())!;
        Assert.Equal([start, fixture.Clock.GetUtcNow()], progress.ReleasedAt);
        Assert.All((await Tables.PushesAsync(Settings, agency, id)).Where(p => p.Wave == 1), p => Assert.Equal((0, "scheduled"), (p.Gated, p.Status)));
        Assert.Null(await DeadlineAsync(agency, id, 1));
        Assert.Equal(1, (await Tables.TimelineAsync(Settings, agency, id)).Count(t => t == "gate-opened"));
        Assert.Equal(CampaignStatus.Scheduled, (await campaign.Get())!.Status);
    }

    [Fact]
    public async Task A_gate_that_times_out_with_stop_cancels_the_gated_waves_and_one_with_release_releases_them()
    {
        var (agency, id, _, waves, start) = await LaunchAsync(new WaveGate(1_000, null, 30, GateTimeout.Stop));
        await PublishWaveAsync(agency, id, 0, start, views: 10);
        await waves.Review();
        Assert.Null((await waves.Progress())!.StoppedAt);

        fixture.Clock.Advance(TimeSpan.FromMinutes(32));
        await waves.Review();

        Assert.Equal(1, (await waves.Progress())!.StoppedAt);
        Assert.All((await Tables.PushesAsync(Settings, agency, id)).Where(p => p.Wave == 1), p => Assert.Equal("cancelled", p.Status));
        Assert.Contains("gate-timeout-stopped", await Tables.TimelineAsync(Settings, agency, id));

        var (agency2, id2, _, waves2, start2) = await LaunchAsync(new WaveGate(1_000, null, 30, GateTimeout.Release));
        fixture.Clock.Advance(TimeSpan.FromMinutes(32));
        await waves2.Review();
        Assert.Equal(2, (await waves2.Progress())!.ReleasedAt.Count);
        Assert.All((await Tables.PushesAsync(Settings, agency2, id2)).Where(p => p.Wave == 1), p => Assert.Equal((0, "scheduled"), (p.Gated, p.Status)));
        Assert.Contains("gate-timeout-released", await Tables.TimelineAsync(Settings, agency2, id2));
        Assert.True(start2 > start);
    }

    [Fact]
    public async Task A_paused_tie_in_decides_no_gate_until_it_is_resumed()
    {
        var (agency, id, campaign, waves, start) = await LaunchAsync(new WaveGate(100, null, 60, GateTimeout.Stop));
        await campaign.Pause(CampaignReasons.Requested);
        await PublishWaveAsync(agency, id, 0, start, views: 500);

        await waves.Review();
        Assert.Single((await waves.Progress())!.ReleasedAt);

        await campaign.Resume(CampaignReasons.Requested);
        await waves.Review();
        Assert.Equal(2, (await waves.Progress())!.ReleasedAt.Count);
    }
}
