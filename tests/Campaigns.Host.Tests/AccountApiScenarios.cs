using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Host.Tests.Support;
using Campaigns.Testing;

namespace Campaigns.Host.Tests;

/// <summary>The accounts contract of API.md, through the real host, run once per storage provider.</summary>
public abstract class AccountApiScenarios(HostFixture host)
{
    protected CampaignsApp App => host.App;

    [ProviderFact]
    public async Task An_account_is_created_read_back_and_listed()
    {
        var tenant = await Tenant.Create(App);
        var created = await tenant.Client.PostJson("/v1/accounts", Tenant.AccountBody("acme_beauty"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var account = await ApiClient.Json(created);
        var id = account["id"]!.GetValue<string>();
        Assert.Equal($"/v1/accounts/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal("active", account["status"]!.GetValue<string>());
        Assert.Equal("skincare", account["audienceTags"]!.AsObject().Select(p => p.Key).Order().Last()); // "Skincare" normalised
        Assert.Equal("23:00", account["caps"]!["quietHours"]!["from"]!.GetValue<string>());
        Assert.Null(account["connector"]!["secret"]);

        var fetched = await ApiClient.Json(await tenant.Client.Get($"/v1/accounts/{id}"));
        Assert.Equal("acme_beauty", fetched["handle"]!.GetValue<string>());
        Assert.Equal(120000, fetched["followers"]!.GetValue<long>());

        var list = await ApiClient.Json(await tenant.Client.Get("/v1/accounts"));
        Assert.Equal([id], list["items"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()));
        Assert.Null(list["nextCursor"]);
    }

    [ProviderFact]
    public async Task A_second_account_with_the_same_handle_on_the_same_platform_is_a_conflict()
    {
        var tenant = await Tenant.Create(App);
        Assert.Equal(HttpStatusCode.Created, (await tenant.Client.PostJson("/v1/accounts", Tenant.AccountBody("dup"))).StatusCode);

        var again = await tenant.Client.PostJson("/v1/accounts", Tenant.AccountBody("DUP"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType!.MediaType);

        // Another platform, or another agency, may use the same handle.
        Assert.Equal(HttpStatusCode.Created, (await tenant.Client.PostJson("/v1/accounts", Tenant.AccountBody("dup", platform: "kuaishou"))).StatusCode);
        var other = await Tenant.Create(App, "Other Agency");
        Assert.Equal(HttpStatusCode.Created, (await other.Client.PostJson("/v1/accounts", Tenant.AccountBody("dup"))).StatusCode);

        var list = await ApiClient.Json(await tenant.Client.Get("/v1/accounts"));
        Assert.Equal(2, list["items"]!.AsArray().Count);
    }

    [ProviderFact]
    public async Task Invalid_fields_are_400s_naming_each_field_and_create_nothing()
    {
        var tenant = await Tenant.Create(App);
        var body = Tenant.AccountBody("bad");
        body["platform"] = "myspace";
        body["kind"] = "king";
        body["timeZone"] = "Mars/Olympus";
        body["caps"]!["maxPostsPerDay"] = 0;
        body["caps"]!["quietHours"]!["from"] = "25:00";
        body["connector"] = new JsonObject { ["type"] = "webhook", ["url"] = "ftp://x" };
        body["audienceTags"] = new JsonObject { ["beauty"] = 1.5 };

        var response = await tenant.Client.PostJson("/v1/accounts", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ApiClient.Json(response))["errors"]!.AsObject().Select(e => e.Key).ToHashSet();
        Assert.Superset(
            new HashSet<string> { "platform", "kind", "timeZone", "caps.maxPostsPerDay", "caps.quietHours.from", "connector.url", "connector.secret", "audienceTags" },
            errors);
        await AssertNoAccounts(tenant);
    }

    [ProviderFact]
    public async Task A_platform_connector_is_refused_naming_the_setting_the_operator_has_not_configured()
    {
        // Guard: ConnectorInputValidator's MissingSetting rule; without it the account is created (201) with a
        // connector that can never be connected. This host configures no platform.
        var tenant = await Tenant.Create(App);
        var body = Tenant.AccountBody("early_bird", platform: "tiktok");
        body["connector"] = new JsonObject { ["type"] = "tiktok" };

        var response = await tenant.Client.PostJson("/v1/accounts", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Campaigns:Platforms:TikTok:ClientKey", (await ApiClient.Json(response))["errors"]!["connector.type"]![0]!.GetValue<string>());
        await AssertNoAccounts(tenant);
    }

    [ProviderFact]
    public async Task An_unknown_connector_type_is_the_only_error_named()
    {
        // Guard: ConnectorInputValidator applies "takes no URL" only to a type that parses (WireName.TryParse); without
        // it a misspelt type also answers "The carrier-pigeon connector takes no URL." (and no secret) on connector.url
        // and connector.secret.
        var tenant = await Tenant.Create(App);
        var body = Tenant.AccountBody("pigeon");
        body["connector"] = new JsonObject { ["type"] = "carrier-pigeon", ["url"] = "https://hooks.example.com/post", ["secret"] = "a-secret-of-enough-length" };

        var response = await tenant.Client.PostJson("/v1/accounts", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["connector.type"], (await ApiClient.Json(response))["errors"]!.AsObject().Select(e => e.Key));
        await AssertNoAccounts(tenant);
    }

    [ProviderFact]
    public async Task Missing_required_fields_are_named()
    {
        var tenant = await Tenant.Create(App);
        var response = await tenant.Client.PostRaw("/v1/accounts", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ApiClient.Json(response))["errors"]!.AsObject().Select(e => e.Key).ToHashSet();
        Assert.Equal(new HashSet<string> { "platform", "handle", "kind", "timeZone" }, errors);
    }

    [ProviderFact]
    public async Task Malformed_json_wrong_types_and_unknown_fields_are_400s()
    {
        var tenant = await Tenant.Create(App);

        var malformed = await tenant.Client.PostRaw("/v1/accounts", "{ \"platform\": ");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);

        var wrongType = await tenant.Client.PostRaw("/v1/accounts", "{ \"platform\": \"douyin\", \"followers\": \"many\" }");
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.NotNull((await ApiClient.Json(wrongType))["errors"]!["followers"]);

        var typo = await tenant.Client.PostRaw("/v1/accounts", "{ \"platform\": \"douyin\", \"handel\": \"x\" }");
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.NotNull((await ApiClient.Json(typo))["errors"]!["handel"]);

        var badLimit = await tenant.Client.Get("/v1/accounts?limit=lots");
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.NotNull((await ApiClient.Json(badLimit))["errors"]!["limit"]);

        await AssertNoAccounts(tenant);
    }

    [ProviderFact]
    public async Task An_oversized_body_is_413()
    {
        var tenant = await Tenant.Create(App);
        var body = Tenant.AccountBody("big");
        body["persona"] = new string('x', 2 * 1024 * 1024);

        var response = await tenant.Client.PostJson("/v1/accounts", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertNoAccounts(tenant);
    }

    [ProviderFact]
    public async Task Patch_changes_only_the_given_fields()
    {
        var tenant = await Tenant.Create(App);
        var id = await CreateAccount(tenant, "patchme");

        var patched = await tenant.Client.Patch($"/v1/accounts/{id}", new { displayName = "New Name", audienceTags = new Dictionary<string, double> { ["美妆"] = 0.7 } });

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var account = await ApiClient.Json(await tenant.Client.Get($"/v1/accounts/{id}"));
        Assert.Equal("New Name", account["displayName"]!.GetValue<string>());
        Assert.Equal(0.7, account["audienceTags"]!["美妆"]!.GetValue<double>());
        Assert.Equal("acme", account["brand"]!.GetValue<string>());

        var tagged = await ApiClient.Json(await tenant.Client.Get($"/v1/accounts?tag={Uri.EscapeDataString("美妆")}"));
        Assert.Single(tagged["items"]!.AsArray());
        var untagged = await ApiClient.Json(await tenant.Client.Get("/v1/accounts?tag=beauty"));
        Assert.Empty(untagged["items"]!.AsArray());

        var invalid = await tenant.Client.Patch($"/v1/accounts/{id}", new { timeZone = "Nowhere/Else" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var immutable = await tenant.Client.Patch($"/v1/accounts/{id}", new { handle = "renamed" });
        Assert.Equal(HttpStatusCode.BadRequest, immutable.StatusCode);
    }

    [ProviderFact]
    public async Task Suspend_and_resume_follow_the_status_and_a_repeat_is_a_conflict()
    {
        var tenant = await Tenant.Create(App);
        var id = await CreateAccount(tenant, "pausable");

        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.Post($"/v1/accounts/{id}/suspend")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await tenant.Client.Post($"/v1/accounts/{id}/suspend")).StatusCode);
        var suspended = await ApiClient.Json(await tenant.Client.Get("/v1/accounts?status=suspended"));
        Assert.Equal(id, suspended["items"]![0]!["id"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.Post($"/v1/accounts/{id}/resume")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await tenant.Client.Post($"/v1/accounts/{id}/resume")).StatusCode);
        var account = await ApiClient.Json(await tenant.Client.Get($"/v1/accounts/{id}"));
        Assert.Equal("active", account["status"]!.GetValue<string>());
    }

    [ProviderFact]
    public async Task Another_agencys_account_answers_404_and_is_left_unchanged()
    {
        var owner = await Tenant.Create(App);
        var id = await CreateAccount(owner, "private");
        var intruder = await Tenant.Create(App, "Intruder");

        Assert.Equal(HttpStatusCode.NotFound, (await intruder.Client.Get($"/v1/accounts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.Client.Patch($"/v1/accounts/{id}", new { displayName = "hacked" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.Client.Post($"/v1/accounts/{id}/suspend")).StatusCode);
        Assert.Empty((await ApiClient.Json(await intruder.Client.Get("/v1/accounts")))["items"]!.AsArray());

        var account = await ApiClient.Json(await owner.Client.Get($"/v1/accounts/{id}"));
        Assert.Equal(("Display private", "active"), (account["displayName"]!.GetValue<string>(), account["status"]!.GetValue<string>()));
    }

    [ProviderFact]
    public async Task Lists_filter_and_page_with_a_cursor()
    {
        var tenant = await Tenant.Create(App);
        var douyin = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            douyin.Add(await CreateAccount(tenant, $"d{i}"));
        }
        await CreateAccount(tenant, "k0", platform: "kuaishou", kind: "influencer", brand: "other");

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await ApiClient.Json(await tenant.Client.Get($"/v1/accounts?platform=douyin&limit=2{(cursor is null ? "" : "&cursor=" + cursor)}"));
            seen.AddRange(page["items"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        Assert.Equal(douyin, seen);

        var influencers = await ApiClient.Json(await tenant.Client.Get("/v1/accounts?kind=influencer"));
        Assert.Equal("k0", influencers["items"]![0]!["handle"]!.GetValue<string>());
        var brand = await ApiClient.Json(await tenant.Client.Get("/v1/accounts?brand=acme"));
        Assert.Equal(5, brand["items"]!.AsArray().Count);

        Assert.Equal(HttpStatusCode.BadRequest, (await tenant.Client.Get("/v1/accounts?platform=vine")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await tenant.Client.Get("/v1/accounts?limit=501")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await tenant.Client.Get("/v1/accounts?cursor=%%%")).StatusCode);
    }

    [ProviderFact]
    public async Task An_idempotent_retry_replays_the_first_response_and_creates_nothing_more()
    {
        var tenant = await Tenant.Create(App);
        var body = Tenant.AccountBody("once");

        var first = await tenant.Client.PostJson("/v1/accounts", body, idempotencyKey: "create-once");
        var second = await tenant.Client.PostJson("/v1/accounts", body, idempotencyKey: "create-once");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Single((await ApiClient.Json(await tenant.Client.Get("/v1/accounts")))["items"]!.AsArray());

        var changed = Tenant.AccountBody("other");
        var mismatch = await tenant.Client.PostJson("/v1/accounts", changed, idempotencyKey: "create-once");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, mismatch.StatusCode);
        Assert.Single((await ApiClient.Json(await tenant.Client.Get("/v1/accounts")))["items"]!.AsArray());
    }

    [ProviderFact]
    public async Task Keys_are_scoped_per_agency_and_a_refused_request_leaves_its_key_free()
    {
        var a = await Tenant.Create(App);
        var b = await Tenant.Create(App, "B");

        Assert.Equal(HttpStatusCode.Created, (await a.Client.PostJson("/v1/accounts", Tenant.AccountBody("same"), "shared-key")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await b.Client.PostJson("/v1/accounts", Tenant.AccountBody("same"), "shared-key")).StatusCode);

        // A request refused before it ran (a 400) does not use up its key: the corrected request may take it.
        var invalid = Tenant.AccountBody("fixed");
        invalid["kind"] = "nope";
        Assert.Equal(HttpStatusCode.BadRequest, (await a.Client.PostJson("/v1/accounts", invalid, "fix-key")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await a.Client.PostJson("/v1/accounts", Tenant.AccountBody("fixed"), "fix-key")).StatusCode);
    }

    protected static async Task<string> CreateAccount(Tenant tenant, string handle, string platform = "douyin", string kind = "brand", string brand = "acme")
    {
        var response = await tenant.Client.PostJson("/v1/accounts", Tenant.AccountBody(handle, platform, kind, brand));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ApiClient.Json(response))["id"]!.GetValue<string>();
    }

    private static async Task AssertNoAccounts(Tenant tenant) =>
        Assert.Empty((await ApiClient.Json(await tenant.Client.Get("/v1/accounts")))["items"]!.AsArray());
}

public sealed class SqliteAccountApiTests(SqliteHostFixture host) : AccountApiScenarios(host), IClassFixture<SqliteHostFixture>;

[RequiresPostgres]
public sealed class PostgresAccountApiTests(PostgresHostFixture host) : AccountApiScenarios(host), IClassFixture<PostgresHostFixture>;
