using System.Text;
using System.Text.Json.Nodes;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Waves;
using Campaigns.Grains.Tests.Support;
using Campaigns.Scheduling;
using Campaigns.Scheduling.Campaigns;
using Campaigns.Scheduling.Pushes;
using Campaigns.Storage;
using Campaigns.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Campaigns.Grains.Tests;

/// <summary>What survives stopping the silo: the durable completion check, and campaign state written by earlier versions.</summary>
public sealed class CampaignRestartTests : IDisposable
{
    private readonly TempSqliteDatabase _database = new();
    private readonly StorageSettings _settings;
    private readonly FakeTimeProvider _clock = new(GrainClusterFixture.Start);
    private readonly string _serviceId = "campaign-restart-" + Guid.NewGuid().ToString("N");

    public CampaignRestartTests()
    {
        _settings = new StorageSettings(StorageProvider.Sqlite, _database.ConnectionString);
        DatabaseMigrator.Migrate(_settings);
    }

    public void Dispose() => _database.Dispose();

    private Task<InProcessTestCluster> StartAsync() => GrainCluster.StartAsync(_settings, _clock, _serviceId);

    private static CompletionChecks Checks(InProcessTestCluster cluster) => cluster.Silos[0].ServiceProvider.GetRequiredService<CompletionChecks>();

    [Fact]
    public async Task A_campaign_whose_last_push_settled_unnoticed_before_a_restart_completes_by_its_durable_check()
    {
        var (agency, id) = (Drafts.NewAgencyId(), CampaignPlans.NewId());
        var key = GrainKeys.For(agency, id);
        var start = _clock.GetUtcNow().AddMinutes(1);
        await using (var first = await StartAsync())
        {
            var grain = first.Client.GetGrain<ICampaignGrain>(key);
            await grain.Create(CampaignPlans.Matrix());
            await grain.Launch(CampaignPlans.Plan(start, 0, "acc_a"), []);
            // The push publishes, and the silo goes before anything tells the campaign (the settlement call and the
            // one-second check are both in memory).
            await Tables.PublishAsync(_settings, agency, (await Tables.PushesAsync(_settings, agency, id)).Single().Id, start);
            await first.StopAllSilosAsync();
        }

        await using var second = await StartAsync();
        // Nobody calls the campaign; its trigger, stored at launch, is still in Quartz's tables. Guarded by
        // "await _pushes.WatchAsync(agencyId, id, last)" in CampaignGrain.Launch.
        Assert.Equal(start.AddMinutes(1), await Checks(second).NextAsync(agency, id));
        // What the trigger's job (CompletionCheckJob) does when it fires:
        await second.Client.GetGrain<ICampaignGrain>(key).CheckCompletion();

        await Timers.UntilAsync(_clock, async () => (await second.Client.GetGrain<ICampaignGrain>(key).Get())!.Status == CampaignStatus.Completed);
        await Timers.UntilAsync(_clock, async () => await Checks(second).NextAsync(agency, id) is null);
    }

    [Fact]
    public async Task Tie_in_progress_kept_in_campaign_state_by_an_earlier_version_is_handed_to_the_waves_grain_and_it_gets_a_completion_check()
    {
        var (agency, id) = (Drafts.NewAgencyId(), CampaignPlans.NewId());
        var key = GrainKeys.For(agency, id);
        var start = _clock.GetUtcNow().AddMinutes(1);
        WaveProgress progress;
        await using (var first = await StartAsync())
        {
            var grain = first.Client.GetGrain<ICampaignGrain>(key);
            await grain.Create(CampaignPlans.TieIn(new WaveGate(100, null, 60, GateTimeout.Release)));
            await grain.Launch([.. CampaignPlans.Plan(start, 0, "acc_a", "acc_b"), .. CampaignPlans.Plan(start.AddMinutes(10), 1, "acc_c")], []);
            progress = (await first.Client.GetGrain<ICampaignWavesGrain>(key).Progress())!;
            await first.StopAllSilosAsync();
        }
        // Rewrite the stored rows into what the earlier version wrote: the progress inside the campaign's state (member
        // TieIn), none of the members added since, and no waves grain at all.
        await MakeStateOldShapedAsync(id);

        await using var second = await StartAsync();
        Assert.Null(await Checks(second).NextAsync(agency, id));
        Assert.Equal(CampaignStatus.Scheduled, (await second.Client.GetGrain<ICampaignGrain>(key).Get())!.Status);
        // Launched before durable completion checks existed: it gets one when it activates (CampaignRecord.WatchIfUnwatchedAsync).
        await Timers.UntilAsync(_clock, async () => await Checks(second).NextAsync(agency, id) is not null);
        // Guarded by "await Companions.HandOverAsync(legacy)" in CampaignGrain.OnActivateAsync.
        var adopted = await second.Client.GetGrain<ICampaignWavesGrain>(key).Progress();
        Assert.NotNull(adopted);
        Assert.Equal([2, 1], progress.Pushes);
        Assert.Equal(progress.Pushes, adopted.Pushes);
        Assert.Equal(progress.ReleasedAt, adopted.ReleasedAt);
        Assert.Equal(progress.StoppedAt, adopted.StoppedAt);

        // And the adopted rollout runs on: the celebrity wave's engagement opens the gate.
        foreach (var push in (await Tables.PushesAsync(_settings, agency, id)).Where(p => p.Wave == 0))
        {
            await Tables.PublishAsync(_settings, agency, push.Id, start, views: 60);
        }
        await second.Client.GetGrain<ICampaignWavesGrain>(key).Review();
        Assert.Equal(2, (await second.Client.GetGrain<ICampaignWavesGrain>(key).Progress())!.ReleasedAt.Count);
        Assert.All((await Tables.PushesAsync(_settings, agency, id)).Where(p => p.Wave == 1), p => Assert.Equal(0, p.Gated));
    }

    private static JsonNode WithoutIds(JsonNode node)
    {
        if (node is JsonObject json)
        {
            json.Remove("$id");
            foreach (var (_, child) in json.ToList())
            {
                if (child is not null)
                {
                    WithoutIds(child);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array.Where(c => c is not null))
            {
                WithoutIds(child!);
            }
        }
        return node;
    }

    private async Task MakeStateOldShapedAsync(string campaignId)
    {
        await using var connection = await new DbConnectionFactory(_settings).OpenAsync();
        var rows = (await connection.QueryAsync<(long RowId, byte[] Payload)>("SELECT rowid, PayloadBinary FROM OrleansStorage")).ToList();
        var texts = rows.Select(r => (r.RowId, Json: JsonNode.Parse(Encoding.UTF8.GetString(r.Payload))!.AsObject())).ToList();
        var campaign = texts.Single(t => t.Json.ToJsonString().Contains(campaignId, StringComparison.Ordinal) && t.Json.ContainsKey("Campaign"));
        var waves = texts.Single(t => t.Json.ContainsKey("Progress"));
        // Orleans' JSON numbers objects ($id) per document: the progress moved in takes no number of the other's.
        campaign.Json["TieIn"] = WithoutIds(waves.Json["Progress"]!.DeepClone());
        foreach (var added in new[] { "PushesPending", "Unsent", "Unprojected", "LastPushAt" })
        {
            campaign.Json.Remove(added);
        }
        await connection.ExecuteAsync("UPDATE OrleansStorage SET PayloadBinary = @payload WHERE rowid = @rowId",
            new { payload = Encoding.UTF8.GetBytes(campaign.Json.ToJsonString()), rowId = campaign.RowId });
        await connection.ExecuteAsync("DELETE FROM OrleansStorage WHERE rowid = @rowId", new { rowId = waves.RowId });
        // Nor did it keep a durable completion check.
        await connection.ExecuteAsync($"DELETE FROM QRTZ_SIMPLE_TRIGGERS WHERE TRIGGER_GROUP = '{CompletionChecks.Group}'");
        await connection.ExecuteAsync($"DELETE FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = '{CompletionChecks.Group}'");
    }
}
