using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Host.Tests.Support;
using Campaigns.Sandbox;
using Campaigns.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Host.Tests;

/// <summary>Matrix campaigns end to end through the real host and the sandbox platform, per storage provider.</summary>
public abstract class CampaignApiScenarios(HostFixture host)
{
    private CampaignsApp App => host.App;

    [ProviderFact]
    public async Task A_launched_matrix_publishes_every_push_once_and_completes()
    {
        var tenant = await Tenant.Create(App);
        var accounts = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            accounts.Add(await Create(tenant, "/v1/accounts", Tenant.AccountBody($"m{i}", platform: i % 2 == 0 ? "douyin" : "kuaishou")));
        }
        var videos = new[] { await Create(tenant, "/v1/videos", Video("a")), await Create(tenant, "/v1/videos", Video("b")) };
        var start = DateTimeOffset.UtcNow.AddSeconds(2);
        var campaign = await Create(tenant, "/v1/campaigns", Matrix(accounts, videos, start, staggerSeconds: 1));

        var plan = await ApiClient.Json(await tenant.Client.Post($"/v1/campaigns/{campaign}/plan"));
        Assert.Equal(4, plan["pushes"]!.AsArray().Count);
        Assert.Empty((await ApiClient.Json(await tenant.Client.Get($"/v1/campaigns/{campaign}/pushes")))["items"]!.AsArray());

        var launch = await tenant.Client.Post($"/v1/campaigns/{campaign}/launch");
        Assert.Equal(HttpStatusCode.Accepted, launch.StatusCode);
        Assert.Equal("scheduled", (await ApiClient.Json(launch))["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await tenant.Client.Post($"/v1/campaigns/{campaign}/launch")).StatusCode);

        await Poll.Until(async () => Status(await ApiClient.Json(await tenant.Client.Get($"/v1/campaigns/{campaign}"))) == "completed", TimeSpan.FromSeconds(60));

        var progress = (await ApiClient.Json(await tenant.Client.Get($"/v1/campaigns/{campaign}")))["progress"]!;
        Assert.Equal((4, 4, 0), (progress["planned"]!.GetValue<int>(), progress["published"]!.GetValue<int>(), progress["scheduled"]!.GetValue<int>()));
        var pushes = (await ApiClient.Json(await tenant.Client.Get($"/v1/campaigns/{campaign}/pushes?status=published")))["items"]!.AsArray();
        Assert.Equal(accounts.Order(), pushes.Select(p => p!["accountId"]!.GetValue<string>()).Order());
        var sandbox = App.Services.GetRequiredService<SandboxPlatform>();
        foreach (var push in pushes)
        {
            var firedAt = push!["firedAt"]!.GetValue<DateTimeOffset>();
            Assert.True(firedAt >= push["scheduledAt"]!.GetValue<DateTimeOffset>().AddMilliseconds(-50), "fired before its instant");
            var post = await sandbox.GetAsync($"{tenant.Id}:{push["id"]!.GetValue<string>()}");
            Assert.Equal((1, push["platformPostId"]!.GetValue<string>()), (post!.Created, post.PlatformPostId));
            var single = await ApiClient.Json(await tenant.Client.Get($"/v1/pushes/{push["id"]!.GetValue<string>()}"));
            Assert.Equal("published", single["status"]!.GetValue<string>());
        }
        var timeline = (await ApiClient.Json(await tenant.Client.Get($"/v1/campaigns/{campaign}/timeline")))["events"]!.AsArray()
            .Select(e => e!["type"]!.GetValue<string>()).ToList();
        Assert.Equal(["created", "launched", "running", "completed"], timeline);
    }

    [ProviderFact]
    public async Task Pause_holds_resume_releases_and_cancel_stops_everything_not_yet_fired()
    {
        var tenant = await Tenant.Create(App);
        var account = await Create(tenant, "/v1/accounts", Tenant.AccountBody("later"));
        var video = await Create(tenant, "/v1/videos", Video("x"));
        var campaign = await Create(tenant, "/v1/campaigns", Matrix([account], [video], DateTimeOffset.UtcNow.AddHours(2), 0, brand: "frozen-brand"));
        Assert.Equal(HttpStatusCode.Accepted, (await tenant.Client.Post($"/v1/campaigns/{campaign}/launch")).StatusCode);

        Assert.Equal(HttpStatusCode.Conflict, (await tenant.Client.Post($"/v1/campaigns/{campaign}/resume")).StatusCode);
        Assert.Equal("paused", Status(await ApiClient.Json(await tenant.Client.Post($"/v1/campaigns/{campaign}/pause"))));
        Assert.Equal(HttpStatusCode.Conflict, (await tenant.Client.Post($"/v1/campaigns/{campaign}/pause")).StatusCode);
        // Paused before any push fired, it resumes to scheduled, not running.
        Assert.Equal("scheduled", Status(await ApiClient.Json(await tenant.Client.Post($"/v1/campaigns/{campaign}/resume"))));

        var frozen = await ApiClient.Json(await tenant.Client.Post("/v1/brands/frozen-brand/freeze"));
        Assert.Equal([campaign], frozen["campaignIds"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("paused", Status(await ApiClient.Json(await tenant.Client.Get($"/v1/campaigns/{campaign}"))));
        var thawed = await ApiClient.Json(await tenant.Client.Post("/v1/brands/frozen-brand/unfreeze"));
        Assert.Equal([campaign], thawed["campaignIds"]!.AsArray().Select(c => c!.GetValue<string>()));

        // A freeze lasts until the unfreeze: a campaign of the brand launched meanwhile starts paused, and is resumed.
        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.Post("/v1/brands/frozen-brand/freeze")).StatusCode);
        var other = await Create(tenant, "/v1/accounts", Tenant.AccountBody("later_too"));
        var during = await Create(tenant, "/v1/campaigns", Matrix([other], [video], DateTimeOffset.UtcNow.AddHours(2), 0, brand: "frozen-brand"));
        var launched = await tenant.Client.Post($"/v1/campaigns/{during}/launch");
        Assert.Equal((HttpStatusCode.Accepted, "paused"), (launched.StatusCode, Status(await ApiClient.Json(launched))));
        var thawedAgain = await ApiClient.Json(await tenant.Client.Post("/v1/brands/frozen-brand/unfreeze"));
        Assert.Equal(new[] { campaign, during }.Order(), thawedAgain["campaignIds"]!.AsArray().Select(c => c!.GetValue<string>()).Order());
        Assert.Equal("scheduled", Status(await ApiClient.Json(await tenant.Client.Get($"/v1/campaigns/{during}"))));

        var cancelled = await ApiClient.Json(await tenant.Client.Post($"/v1/campaigns/{campaign}/cancel"));
        Assert.Equal(("cancelled", 1), (Status(cancelled), cancelled["progress"]!["cancelled"]!.GetValue<int>()));
        Assert.Equal(HttpStatusCode.Conflict, (await tenant.Client.Post($"/v1/campaigns/{campaign}/resume")).StatusCode);
        var timeline = (await ApiClient.Json(await tenant.Client.Get($"/v1/campaigns/{campaign}/timeline")))["events"]!.AsArray()
            .Select(e => e!["type"]!.GetValue<string>()).ToList();
        Assert.Equal(["created", "launched", "paused", "resumed", "paused", "resumed", "paused", "resumed", "cancelled", "pushes-cancelled"], timeline);
    }

    [ProviderFact]
    public async Task A_plan_that_can_schedule_nothing_is_422_with_reasons_and_bad_campaigns_are_400s()
    {
        var tenant = await Tenant.Create(App);
        var account = await Create(tenant, "/v1/accounts", Tenant.AccountBody("sleepy"));
        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.Post($"/v1/accounts/{account}/suspend")).StatusCode);
        var video = await Create(tenant, "/v1/videos", Video("y"));
        var campaign = await Create(tenant, "/v1/campaigns", Matrix([account], [video], DateTimeOffset.UtcNow.AddHours(1), 0));

        var plan = await tenant.Client.Post($"/v1/campaigns/{campaign}/plan");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, plan.StatusCode);
        Assert.Contains("account-suspended", (await ApiClient.Json(plan))["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await tenant.Client.Post($"/v1/campaigns/{campaign}/launch")).StatusCode);
        Assert.Equal("draft", Status(await ApiClient.Json(await tenant.Client.Get($"/v1/campaigns/{campaign}"))));

        var bad = Matrix(["acc_000000000000000000ffff"], [video], DateTimeOffset.UtcNow, 0);
        bad["strategy"]!["startAt"] = "2026-12-01T20:00:00";
        bad["strategy"]!["kind"] = "carpet-bombing";
        bad["timeZone"] = "Moon/Base";
        var response = await tenant.Client.PostJson("/v1/campaigns", bad);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ApiClient.Json(response))["errors"]!.AsObject().Select(e => e.Key).ToHashSet();
        Assert.Superset(new HashSet<string> { "strategy.startAt", "strategy.kind", "timeZone", "strategy.accounts.ids[0]" }, errors);

        var other = await Tenant.Create(App, "Other");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.Post($"/v1/campaigns/{campaign}/launch")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.Get($"/v1/campaigns/{campaign}/pushes")).StatusCode);
    }

    [ProviderFact]
    public async Task A_selector_with_top_by_affinity_picks_the_best_fitting_accounts()
    {
        var tenant = await Tenant.Create(App);
        var fit = Tenant.AccountBody("fit", brand: "sel");
        fit["audienceTags"] = new JsonObject { ["skincare"] = 1.0 };
        var poor = Tenant.AccountBody("poor", brand: "sel");
        poor["audienceTags"] = new JsonObject { ["skincare"] = 0.1 };
        var fitId = await Create(tenant, "/v1/accounts", fit);
        await Create(tenant, "/v1/accounts", poor);
        var video = await Create(tenant, "/v1/videos", Video("z"));
        var body = Matrix([], [video], DateTimeOffset.UtcNow.AddHours(1), 0);
        body["strategy"]!["accounts"] = new JsonObject { ["selector"] = new JsonObject { ["brand"] = "sel", ["topByAffinity"] = 1 } };
        var campaign = await Create(tenant, "/v1/campaigns", body);

        var plan = await ApiClient.Json(await tenant.Client.Post($"/v1/campaigns/{campaign}/plan"));

        Assert.Equal([fitId], plan["pushes"]!.AsArray().Select(p => p!["accountId"]!.GetValue<string>()));
    }

    [ProviderFact]
    public async Task A_stagger_in_milliseconds_spaces_accounts_that_far_apart_and_only_one_stagger_unit_is_accepted()
    {
        var tenant = await Tenant.Create(App);
        var accounts = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            accounts.Add(await Create(tenant, "/v1/accounts", Tenant.AccountBody($"ms{i}")));
        }
        var video = await Create(tenant, "/v1/videos", Video("ms"));
        // Noon in Shanghai tomorrow: outside the accounts' quiet hours (23:00-07:00 local).
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(1).AddHours(4), TimeSpan.Zero);
        var body = Matrix(accounts, [video], start, 0);
        var strategy = body["strategy"]!.AsObject();
        strategy.Remove("staggerSeconds");
        strategy["staggerMilliseconds"] = 250;
        var created = await tenant.Client.PostJson("/v1/campaigns", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var campaign = await ApiClient.Json(created);
        Assert.Equal((250, 0), (campaign["strategy"]!["staggerMilliseconds"]!.GetValue<int>(), campaign["strategy"]!["staggerSeconds"]!.GetValue<int>()));

        var plan = await ApiClient.Json(await tenant.Client.Post($"/v1/campaigns/{campaign["id"]!.GetValue<string>()}/plan"));
        var planned = plan["pushes"]!.AsArray().ToDictionary(p => p!["accountId"]!.GetValue<string>(), p => p!["scheduledAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal([start, start.AddMilliseconds(250), start.AddMilliseconds(500)], accounts.Select(a => planned[a]));

        var seconds = await ApiClient.Json(await tenant.Client.PostJson("/v1/campaigns", Matrix(accounts, [video], start, 2)));
        Assert.Equal((2000, 2), (seconds["strategy"]!["staggerMilliseconds"]!.GetValue<int>(), seconds["strategy"]!["staggerSeconds"]!.GetValue<int>()));

        var both = Matrix(accounts, [video], start, 1);
        both["strategy"]!["staggerMilliseconds"] = 10;
        var negative = Matrix(accounts, [video], start, 0);
        negative["strategy"]!.AsObject().Remove("staggerSeconds");
        negative["strategy"]!["staggerMilliseconds"] = -1;
        foreach (var bad in new[] { both, negative })
        {
            var response = await tenant.Client.PostJson("/v1/campaigns", bad);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("strategy.staggerMilliseconds", (await ApiClient.Json(response))["errors"]!.AsObject().Select(e => e.Key));
        }
    }

    private static string Status(JsonNode campaign) => campaign["status"]!.GetValue<string>();

    private static JsonObject Video(string name) => new()
    {
        ["title"] = $"Video {name}",
        ["type"] = "product-showcase",
        ["durationSeconds"] = 120,
        ["tags"] = new JsonArray("skincare"),
    };

    private static JsonObject Matrix(IEnumerable<string> accounts, IEnumerable<string> videos, DateTimeOffset start, int staggerSeconds, string brand = "acme") => new()
    {
        ["name"] = "Winter matrix",
        ["brand"] = brand,
        ["goal"] = "awareness",
        ["timeZone"] = "Asia/Shanghai",
        ["videoIds"] = new JsonArray(videos.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()),
        ["strategy"] = new JsonObject
        {
            ["kind"] = "matrix",
            ["accounts"] = new JsonObject { ["ids"] = new JsonArray(accounts.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()) },
            ["startAt"] = start.ToString("O"),
            ["staggerSeconds"] = staggerSeconds,
        },
    };

    private static async Task<string> Create(Tenant tenant, string path, JsonObject body)
    {
        if (path == "/v1/accounts")
        {
            // The shared body has quiet hours in Asia/Shanghai; without this a run at 15:00-23:00 UTC would plan
            // every push for the next morning and the test would depend on the hour it runs.
            body["caps"]!.AsObject().Remove("quietHours");
        }
        var response = await tenant.Client.PostJson(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await ApiClient.Json(response))["id"]!.GetValue<string>();
    }
}

public sealed class SqliteCampaignApiTests(SqliteHostFixture host) : CampaignApiScenarios(host), IClassFixture<SqliteHostFixture>;

[RequiresPostgres]
public sealed class PostgresCampaignApiTests(PostgresHostFixture host) : CampaignApiScenarios(host), IClassFixture<PostgresHostFixture>;
