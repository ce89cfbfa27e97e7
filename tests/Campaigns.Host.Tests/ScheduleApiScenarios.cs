using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Domain.Pushes;
using Campaigns.Host.Tests.Support;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Pushes;
using Campaigns.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Host.Tests;

/// <summary>Recurring schedules fired by Quartz cron triggers, through the real host, per storage provider.</summary>
public abstract class ScheduleApiScenarios(HostFixture host)
{
    /// <summary>These hosts let a schedule fire every second (the default allows once a minute), to watch it fire.</summary>
    public static readonly IReadOnlyDictionary<string, string> FastFirings = new Dictionary<string, string>
    {
        ["Campaigns:Schedules:MinSecondsBetweenFirings"] = "1",
    };

    private CampaignsApp App => host.App;

    [ProviderFact]
    public async Task A_schedule_fires_on_its_cron_rotating_the_queue_and_stops_when_deleted()
    {
        var tenant = await Tenant.Create(App);
        var loose = new JsonObject { ["maxPostsPerDay"] = 100, ["minGapMinutes"] = 0 };
        var a = Tenant.AccountBody("sched_a");
        a["caps"] = loose.DeepClone();
        var b = Tenant.AccountBody("sched_b");
        b["caps"] = loose.DeepClone();
        var accounts = new[] { await Create(tenant, "/v1/accounts", a), await Create(tenant, "/v1/accounts", b) };
        var videos = new[] { await Create(tenant, "/v1/videos", Video("q0")), await Create(tenant, "/v1/videos", Video("q1")) };

        var created = await tenant.Client.PostJson("/v1/schedules", new
        {
            name = "every two seconds",
            accountIds = accounts,
            cron = "0/2 * * * * ?",
            timeZone = "Asia/Shanghai",
            videoQueue = videos,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var schedule = await ApiClient.Json(created);
        var id = schedule["id"]!.GetValue<string>();
        Assert.NotNull(schedule["nextFireAt"]);

        var store = App.Services.GetRequiredService<PushQueries>();
        async Task<IReadOnlyList<PushRow>> Published() =>
            (await store.ListAsync(tenant.Id, id, PushStatus.Published, null, 500)).Rows;
        await Poll.Until(async () => (await Published()).Count >= 4, TimeSpan.FromSeconds(30));

        // Each firing: account i posts the video i places on in the queue; the next firing moves the queue by one.
        var firings = (await Published()).GroupBy(p => p.ScheduledAt).OrderBy(g => g.Key).Take(2).ToList();
        Assert.Equal(2, firings.Count);
        var first = firings[0].ToDictionary(p => p.AccountId, p => p.VideoId);
        var second = firings[1].ToDictionary(p => p.AccountId, p => p.VideoId);
        Assert.NotEqual(first[accounts[0]], first[accounts[1]]);
        Assert.Equal(first[accounts[0]], second[accounts[1]]);
        Assert.Equal(first[accounts[1]], second[accounts[0]]);

        Assert.Single((await ApiClient.Json(await tenant.Client.Get("/v1/schedules")))["items"]!.AsArray());
        var listed = (await ApiClient.Json(await tenant.Client.Get($"/v1/schedules/{id}/pushes?status=published&limit=2")))["items"]!.AsArray();
        Assert.Equal(2, listed.Count);
        Assert.All(listed, p => Assert.Equal(("published", id), (p!["status"]!.GetValue<string>(), p["campaignId"]!.GetValue<string>())));
        Assert.Equal(HttpStatusCode.BadRequest, (await tenant.Client.Get($"/v1/schedules/{id}/pushes?status=flying")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Client.Http.DeleteAsync($"/v1/schedules/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.Client.Get($"/v1/schedules/{id}/pushes")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.Client.Get($"/v1/schedules/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.Client.Http.DeleteAsync($"/v1/schedules/{id}")).StatusCode);
        var afterDelete = (await store.ListAsync(tenant.Id, id, null, null, 500)).Rows.Count;
        var quiet = DateTime.UtcNow.AddSeconds(5);
        await Poll.Until(() => Task.FromResult(DateTime.UtcNow > quiet), TimeSpan.FromSeconds(10));
        Assert.Equal(afterDelete, (await store.ListAsync(tenant.Id, id, null, null, 500)).Rows.Count);
    }

    [ProviderFact]
    public async Task A_brand_freeze_holds_the_pushes_a_schedule_makes_until_the_unfreeze()
    {
        var tenant = await Tenant.Create(App);
        var body = Tenant.AccountBody("frost_a", brand: "frost");
        body["caps"] = new JsonObject { ["maxPostsPerDay"] = 100, ["minGapMinutes"] = 0 };
        var account = await Create(tenant, "/v1/accounts", body);
        var video = await Create(tenant, "/v1/videos", Video("frost"));
        var created = await tenant.Client.PostJson("/v1/schedules", new
        {
            accountIds = new[] { account }, cron = "0/2 * * * * ?", timeZone = "Asia/Shanghai", videoQueue = new[] { video },
        });
        var id = (await ApiClient.Json(created))["id"]!.GetValue<string>();
        var store = App.Services.GetRequiredService<PushQueries>();

        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.Post("/v1/brands/frost/freeze")).StatusCode);
        var frozenAt = DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeMilliseconds();

        // Firings after the freeze make their pushes as usual; each is held when it asks to publish.
        async Task<List<PushRow>> MadeWhileFrozen() =>
            (await store.ListAsync(tenant.Id, id, null, null, 500)).Rows.Where(p => p.ScheduledAt > frozenAt).ToList();
        await Poll.Until(async () => (await MadeWhileFrozen()).Count(p => p.Lifecycle == PushStatus.Scheduled && p.Held == 1) >= 2, TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(await MadeWhileFrozen(), p => p.Lifecycle == PushStatus.Published);

        var thawed = await ApiClient.Json(await tenant.Client.Post("/v1/brands/frost/unfreeze"));
        Assert.True(thawed["otherPushes"]!.GetValue<int>() >= 2, thawed.ToJsonString());
        var held = (await MadeWhileFrozen()).Where(p => p.ScheduledAt <= DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 2000).Select(p => p.Id).ToHashSet();
        await Poll.Until(async () => (await MadeWhileFrozen()).Count(p => held.Contains(p.Id) && p.Lifecycle == PushStatus.Published) == held.Count,
            TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Client.Http.DeleteAsync($"/v1/schedules/{id}")).StatusCode);
    }

    [ProviderFact]
    public async Task Bad_crons_zones_and_unknown_ids_are_400s()
    {
        var tenant = await Tenant.Create(App);
        var response = await tenant.Client.PostJson("/v1/schedules", new
        {
            accountIds = new[] { "acc_000000000000000000abcd" },
            cron = "every day at eight",
            timeZone = "Atlantis/Capital",
            videoQueue = Array.Empty<string>(),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ApiClient.Json(response))["errors"]!.AsObject().Select(e => e.Key).ToHashSet();
        Assert.Superset(new HashSet<string> { "cron", "timeZone", "videoQueue", "accountIds[0]" }, errors);
        Assert.Empty((await ApiClient.Json(await tenant.Client.Get("/v1/schedules")))["items"]!.AsArray());
    }

    private static JsonObject Video(string name) => new()
    {
        ["title"] = $"Queued {name}",
        ["type"] = "skill-sharing",
        ["durationSeconds"] = 60,
    };

    private static async Task<string> Create(Tenant tenant, string path, JsonObject body)
    {
        var response = await tenant.Client.PostJson(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await ApiClient.Json(response))["id"]!.GetValue<string>();
    }
}

public sealed class SqliteScheduleApiTests(SqliteScheduleApiTests.Host host) : ScheduleApiScenarios(host), IClassFixture<SqliteScheduleApiTests.Host>
{
    public sealed class Host : SqliteHostFixture
    {
        protected override IReadOnlyDictionary<string, string> Overrides => FastFirings;
    }
}

[RequiresPostgres]
public sealed class PostgresScheduleApiTests(PostgresScheduleApiTests.Host host) : ScheduleApiScenarios(host), IClassFixture<PostgresScheduleApiTests.Host>
{
    public sealed class Host : PostgresHostFixture
    {
        protected override IReadOnlyDictionary<string, string> Overrides => FastFirings;
    }
}
