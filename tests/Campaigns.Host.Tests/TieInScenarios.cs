using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Host.Tests.Support;
using Campaigns.Testing;
using static Campaigns.Host.Tests.Support.TieInRollout;

namespace Campaigns.Host.Tests;

/// <summary>Celebrity tie-in rollouts through the real host, per storage provider: gates open on feedback, time out, pause.</summary>
public abstract class TieInScenarios(HostFixture host)
{
    /// <summary>Long enough for a wrongly opened gate to have released and published its wave (coalescing, release, bucket trigger).</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    private CampaignsApp App => host.App;

    [ProviderFact]
    public async Task A_tie_in_is_checked_field_by_field_shown_as_given_planned_wave_by_wave_and_cancelled_whole()
    {
        var tenant = await Tenant.Create(App);
        var client = tenant.Client;
        var celebrity = await AccountAsync(client, "celebrity");
        var influencers = new[] { await AccountAsync(client, "influencer"), await AccountAsync(client, "influencer", "kuaishou") };
        var video = await VideoAsync(client);

        var bad = Body([celebrity, "acc_000000000000000000ffff"], video, DateTimeOffset.UtcNow.AddHours(1),
            Wave(new JsonObject { ["selector"] = new JsonObject { ["kinds"] = new JsonArray("influencer") } }, Gate(minViews: 0, maxWaitMinutes: 0, onTimeout: "later")),
            Wave(Ids(influencers[0]), Gate(maxWaitMinutes: 10)),
            Wave(Ids("acc_000000000000000000eeee"), Gate(minEngagementRate: 1.5, maxWaitMinutes: 20_000)));
        var refused = await client.PostJson("/v1/campaigns", bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await ApiClient.Json(refused))["errors"]!.AsObject().Select(e => e.Key).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "strategy.celebrityAccountIds[1]", "strategy.waves[0].gate.minViews", "strategy.waves[0].gate.maxWaitMinutes",
            "strategy.waves[0].gate.onTimeout", "strategy.waves[1].gate", "strategy.waves[2].accounts.ids[0]",
            "strategy.waves[2].gate.minEngagementRate", "strategy.waves[2].gate.maxWaitMinutes",
        }, errors);
        var matrixWithWaves = Body([celebrity], video, DateTimeOffset.UtcNow.AddHours(1), Wave(Ids(influencers[0]), Gate(minViews: 10)));
        matrixWithWaves["strategy"]!["kind"] = "matrix";
        matrixWithWaves["strategy"]!["accounts"] = Ids(celebrity);
        var matrixErrors = (await ApiClient.Json(await client.PostJson("/v1/campaigns", matrixWithWaves)))["errors"]!.AsObject();
        Assert.Equal(["strategy.celebrityAccountIds", "strategy.waves"], matrixErrors.Select(e => e.Key).Order());

        // The wave's selector also matches celebrities: the celebrity of wave 0 is not picked again.
        var good = Body([celebrity], video, DateTimeOffset.UtcNow.AddHours(1),
            Wave(new JsonObject { ["selector"] = new JsonObject { ["kinds"] = new JsonArray("celebrity", "influencer") } },
                Gate(minViews: 100_000, minEngagementRate: 0.05, maxWaitMinutes: 0.5), staggerSeconds: 30));
        var created = await client.PostJson("/v1/campaigns", good);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var campaign = new TieInRollout(client, (await ApiClient.Json(created))["id"]!.GetValue<string>());
        var strategy = (await campaign.ReadAsync())["strategy"]!;
        Assert.Equal(("celebrityTieIn", celebrity), (strategy["kind"]!.GetValue<string>(), strategy["celebrityAccountIds"]![0]!.GetValue<string>()));
        var gate = strategy["waves"]![0]!["gate"]!;
        Assert.Equal((100_000L, 0.05, 0.5, "release"), (gate["minViews"]!.GetValue<long>(), gate["minEngagementRate"]!.GetValue<double>(),
            gate["maxWaitMinutes"]!.GetValue<double>(), gate["onTimeout"]!.GetValue<string>()));
        Assert.Equal(30, strategy["waves"]![0]!["staggerSeconds"]!.GetValue<int>());

        var plan = await ApiClient.Json(await client.Post($"/v1/campaigns/{campaign.Id}/plan"));
        var planned = plan["pushes"]!.AsArray().Select(p => (Wave: p!["wave"]!.GetValue<int>(), Account: p["accountId"]!.GetValue<string>())).ToList();
        Assert.Equal([(0, celebrity)], planned.Where(p => p.Wave == 0));
        Assert.Equal(influencers.Order(), planned.Where(p => p.Wave == 1).Select(p => p.Account).Order());
        Assert.Contains("wave-gated", plan["warnings"]!.AsArray().Select(w => w!["code"]!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.Accepted, (await client.Post($"/v1/campaigns/{campaign.Id}/launch")).StatusCode);
        Assert.Equal(3, (await campaign.ReadAsync())["progress"]!["planned"]!.GetValue<int>());
        Assert.All(await campaign.WaveAsync(1), p => Assert.True(p["gated"]!.GetValue<bool>()));
        Assert.Equal(HttpStatusCode.OK, (await client.Post($"/v1/campaigns/{campaign.Id}/cancel")).StatusCode);
        Assert.All(await campaign.PushesAsync(), p => Assert.Equal("cancelled", p["status"]!.GetValue<string>()));
    }

    [ProviderFact]
    public async Task Wave_one_is_released_only_once_the_celebrity_wave_meets_every_threshold_of_its_gate()
    {
        var client = (await Tenant.Create(App)).Client;
        var celebrity = await AccountAsync(client, "celebrity");
        var influencers = new[] { await AccountAsync(client, "influencer"), await AccountAsync(client, "influencer") };
        var campaign = await LaunchAsync(client, Body([celebrity], await VideoAsync(client), DateTimeOffset.UtcNow.AddSeconds(1),
            Wave(Ids(influencers), Gate(minViews: 100_000, minEngagementRate: 0.05, maxWaitMinutes: 60), staggerSeconds: 1)));
        await campaign.UntilWaveAsync(0, "published");
        var star = (await campaign.WaveAsync(0))[0]["id"]!.GetValue<string>();

        await campaign.SnapshotAsync(star, views: 50_000, likes: 5_000);   // the rate (0.1) holds, views do not
        await campaign.SnapshotAsync(star, views: 200_000, likes: 5_000);  // views hold, the rate (0.025) does not
        await Task.Delay(Settle);
        Assert.All(await campaign.WaveAsync(1), p => Assert.Equal(("scheduled", true), (p["status"]!.GetValue<string>(), p["gated"]!.GetValue<bool>())));

        var opening = DateTimeOffset.UtcNow;
        await campaign.SnapshotAsync(star, views: 200_000, likes: 12_000); // both hold: 0.06
        await campaign.UntilWaveAsync(1, "published");

        var wave = await campaign.WaveAsync(1);
        Assert.All(wave, p => Assert.True(p["publishedAt"]!.GetValue<DateTimeOffset>() >= opening, "published before the gate opened"));
        var at = wave.Select(p => p["scheduledAt"]!.GetValue<DateTimeOffset>()).Order().ToList();
        Assert.Equal(TimeSpan.FromSeconds(1), at[1] - at[0]); // the wave keeps its stagger when re-timed
        var decided = (await campaign.TimelineAsync()).Where(e => e.Type.StartsWith("gate-", StringComparison.Ordinal)).ToList();
        var (type, detail) = Assert.Single(decided);
        Assert.Equal("gate-opened", type);
        foreach (var expected in new[] { "wave=1", "source=0", "views=200000", "minViews=100000", "engagementRate=0.0600", "minEngagementRate=0.05" })
        {
            Assert.Contains(expected, detail);
        }
        await Poll.Until(async () => (await campaign.ReadAsync())["status"]!.GetValue<string>() == "completed", TimeSpan.FromSeconds(15));
    }

    [ProviderFact]
    public async Task A_gate_that_times_out_releases_its_wave_or_stops_the_rollout_as_configured()
    {
        var client = (await Tenant.Create(App)).Client;
        var video = await VideoAsync(client);
        var start = DateTimeOffset.UtcNow.AddSeconds(1);
        var releasing = await LaunchAsync(client, Body([await AccountAsync(client, "celebrity")], video, start,
            Wave(Ids(await AccountAsync(client, "influencer")), Gate(minViews: 1_000_000, maxWaitMinutes: 0.05, onTimeout: "release"))));
        var stopping = await LaunchAsync(client, Body([await AccountAsync(client, "celebrity")], video, start,
            Wave(Ids(await AccountAsync(client, "influencer")), Gate(minViews: 1_000_000, maxWaitMinutes: 0.05, onTimeout: "stop")),
            Wave(Ids(await AccountAsync(client, "grassroots")), Gate(minViews: 10, maxWaitMinutes: 0.05))));

        await releasing.UntilWaveAsync(1, "published");
        var celebrityAt = (await releasing.WaveAsync(0))[0]["scheduledAt"]!.GetValue<DateTimeOffset>();
        var released = (await releasing.WaveAsync(1))[0];
        Assert.True(released["publishedAt"]!.GetValue<DateTimeOffset>() >= celebrityAt.AddSeconds(3), "released before its 3 s wait ran out");
        var (_, detail) = Assert.Single(await releasing.TimelineAsync(), e => e.Type == "gate-timeout-released");
        Assert.True(Number(detail, "waitedSeconds") >= 3, detail);
        Assert.Contains("maxWaitMinutes=0.05", detail);

        await Poll.Until(async () => (await stopping.ReadAsync())["status"]!.GetValue<string>() == "completed", TimeSpan.FromSeconds(30));
        var pushes = await stopping.PushesAsync();
        Assert.Equal("published", pushes.Single(p => p["wave"]!.GetValue<int>() == 0)["status"]!.GetValue<string>());
        Assert.All(pushes.Where(p => p["wave"]!.GetValue<int>() > 0), p =>
        {
            Assert.Equal("cancelled", p["status"]!.GetValue<string>());
            Assert.Contains("stopped", p["lastError"]!.GetValue<string>());
        });
        var timeline = await stopping.TimelineAsync();
        Assert.Equal(["gate-timeout-stopped"], timeline.Where(e => e.Type.StartsWith("gate-", StringComparison.Ordinal)).Select(e => e.Type));
        Assert.Contains("wave=1", timeline.Single(e => e.Type == "gate-timeout-stopped").Detail);
    }

    [ProviderFact]
    public async Task A_gate_met_while_the_campaign_is_paused_opens_once_it_resumes()
    {
        var client = (await Tenant.Create(App)).Client;
        var campaign = await LaunchAsync(client, Body([await AccountAsync(client, "celebrity")], await VideoAsync(client), DateTimeOffset.UtcNow.AddSeconds(1),
            Wave(Ids(await AccountAsync(client, "influencer")), Gate(minViews: 5_000, maxWaitMinutes: 60))));
        await campaign.UntilWaveAsync(0, "published");
        await Poll.Until(async () => (await campaign.ReadAsync())["status"]!.GetValue<string>() == "running", TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.OK, (await client.Post($"/v1/campaigns/{campaign.Id}/pause")).StatusCode);
        await campaign.SnapshotAsync((await campaign.WaveAsync(0))[0]["id"]!.GetValue<string>(), views: 20_000, likes: 100);
        await Task.Delay(Settle);
        Assert.All(await campaign.WaveAsync(1), p => Assert.True(p["gated"]!.GetValue<bool>()));

        Assert.Equal(HttpStatusCode.OK, (await client.Post($"/v1/campaigns/{campaign.Id}/resume")).StatusCode);
        await campaign.UntilWaveAsync(1, "published");
        var types = (await campaign.TimelineAsync()).Select(e => e.Type).ToList();
        Assert.True(types.IndexOf("gate-opened") > types.IndexOf("resumed"), string.Join(", ", types));
    }
}

public sealed class SqliteTieInTests(SqliteHostFixture host) : TieInScenarios(host), IClassFixture<SqliteHostFixture>;

[RequiresPostgres]
public sealed class PostgresTieInTests(PostgresHostFixture host) : TieInScenarios(host), IClassFixture<PostgresHostFixture>;
