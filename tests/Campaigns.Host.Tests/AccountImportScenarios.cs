using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Campaigns.Host.Tests.Support;
using Campaigns.Testing;

namespace Campaigns.Host.Tests;

/// <summary>Bulk import of accounts (<c>POST /v1/accounts/import</c>), run once per storage provider.</summary>
public abstract class AccountImportScenarios(HostFixture host)
{
    private const string Header =
        "platform,handle,displayName,brand,kind,persona,audienceTags,timeZone,followers,maxPostsPerDay,minGapMinutes,quietFrom,quietTo,connectorType,connectorUrl,connectorSecret";

    private const string Secret = "s3cret-s3cret-s3cret";

    protected CampaignsApp App => host.App;

    [ProviderFact]
    public async Task A_csv_file_creates_every_account_readable_listable_and_with_its_secret_kept_out_of_sight()
    {
        var tenant = await Tenant.Create(App);
        var csv = new StringBuilder(Header).Append('\n')
            .Append("douyin,csv_a,\"Acme, Beauty\",acme,brand,\"says \"\"hi\"\"\",beauty:0.9;Skincare:0.6,Asia/Shanghai,5000,4,30,23:00,07:00,,,\n")
            .Append($"kuaishou,csv_b,,acme,influencer,,,Asia/Shanghai,,,,,,webhook,https://publisher.example/hook,{Secret}\n")
            .Append('\n')
            .Append("douyin,csv_c,,other,grassroots,,,Europe/Paris,,,,,,sandbox,,\n");

        var response = await tenant.Client.PostText("/v1/accounts/import", csv.ToString(), "text/csv");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await ApiClient.Json(response);
        Assert.Equal(3, body["imported"]!.GetValue<int>());
        var ids = body["ids"]!.AsArray().Select(i => i!.GetValue<string>()).ToList();

        var a = await ApiClient.Json(await tenant.Client.Get($"/v1/accounts/{ids[0]}"));
        Assert.Equal(("csv_a", "Acme, Beauty", "says \"hi\""), (a["handle"]!.GetValue<string>(), a["displayName"]!.GetValue<string>(), a["persona"]!.GetValue<string>()));
        Assert.Equal(0.6, a["audienceTags"]!["skincare"]!.GetValue<double>());
        Assert.Equal(5000, a["followers"]!.GetValue<long>());
        Assert.Equal((4, "07:00"), (a["caps"]!["maxPostsPerDay"]!.GetValue<int>(), a["caps"]!["quietHours"]!["to"]!.GetValue<string>()));

        var b = await tenant.Client.Get($"/v1/accounts/{ids[1]}");
        var bText = await b.Content.ReadAsStringAsync();
        var bJson = JsonNode.Parse(bText)!;
        Assert.Equal(("webhook", "https://publisher.example/hook"), (bJson["connector"]!["type"]!.GetValue<string>(), bJson["connector"]!["url"]!.GetValue<string>()));
        Assert.DoesNotContain(Secret, bText);
        Assert.DoesNotContain(Secret, await response.Content.ReadAsStringAsync());

        var listed = await tenant.Client.Get("/v1/accounts");
        var listText = await listed.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Secret, listText);
        Assert.Equal(ids, JsonNode.Parse(listText)!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.Single((await ApiClient.Json(await tenant.Client.Get("/v1/accounts?tag=skincare")))["items"]!.AsArray());

        // The grain took the account over: it changes, persists, and the change shows everywhere.
        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.Post($"/v1/accounts/{ids[1]}/suspend")).StatusCode);
        var suspended = await ApiClient.Json(await tenant.Client.Get("/v1/accounts?status=suspended"));
        Assert.Equal(ids[1], suspended["items"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("webhook", suspended["items"]![0]!["connector"]!["type"]!.GetValue<string>());

        // The imported count started the history.
        var history = await ApiClient.Json(await tenant.Client.Get($"/v1/accounts/{ids[0]}/followers"));
        Assert.Equal(5000, history["points"]![0]!["count"]!.GetValue<long>());
    }

    [ProviderFact]
    public async Task An_ndjson_file_creates_every_account()
    {
        var tenant = await Tenant.Create(App);
        var lines = Enumerable.Range(0, 25).Select(i => Tenant.AccountBody($"nd_{i}").ToJsonString()).ToList();
        var webhook = Tenant.AccountBody("nd_hook");
        webhook["connector"] = new JsonObject { ["type"] = "webhook", ["url"] = "https://publisher.example/nd", ["secret"] = Secret };
        lines.Add(webhook.ToJsonString());

        var response = await tenant.Client.PostText("/v1/accounts/import", string.Join("\n", lines) + "\n", "application/x-ndjson");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var ids = (await ApiClient.Json(response))["ids"]!.AsArray().Select(i => i!.GetValue<string>()).ToList();
        Assert.Equal(26, ids.Count);
        var hook = await tenant.Client.Get($"/v1/accounts/{ids[^1]}");
        var hookText = await hook.Content.ReadAsStringAsync();
        Assert.Equal("webhook", JsonNode.Parse(hookText)!["connector"]!["type"]!.GetValue<string>());
        Assert.DoesNotContain(Secret, hookText);
        var page = await ApiClient.Json(await tenant.Client.Get("/v1/accounts?limit=500"));
        Assert.Equal(ids, page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
    }

    [ProviderFact]
    public async Task One_bad_row_among_many_writes_nothing_and_names_the_row_and_field()
    {
        var tenant = await Tenant.Create(App);
        var csv = new StringBuilder(Header).Append('\n');
        for (var i = 1; i <= 200; i++)
        {
            var (kind, zone, max) = i switch { 57 => ("king", "Asia/Shanghai", "3"), 120 => ("brand", "Mars/Olympus", "lots"), _ => ("brand", "Asia/Shanghai", "3") };
            csv.Append($"douyin,many_{i},,acme,{kind},,,{zone},,{max},,,,,,\n");
        }

        var response = await tenant.Client.PostText("/v1/accounts/import", csv.ToString(), "text/csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ApiClient.Json(response))["errors"]!.AsObject().Select(e => e.Key).ToHashSet();
        Assert.Equal(new HashSet<string> { "rows[57].kind", "rows[120].timeZone", "rows[120].maxPostsPerDay" }, errors);
        await AssertNoAccounts(tenant);

        var ndjson = string.Join("\n", Tenant.AccountBody("x1").ToJsonString(), "{ \"platform\": \"douyin\", \"handel\": 1 }", "not json");
        var bad = await ApiClient.Json(await tenant.Client.PostText("/v1/accounts/import", ndjson, "application/x-ndjson"));
        Assert.Equal(new HashSet<string> { "rows[2].handel", "rows[3]" }, bad["errors"]!.AsObject().Select(e => e.Key).ToHashSet());
        await AssertNoAccounts(tenant);
    }

    [ProviderFact]
    public async Task A_handle_repeated_in_the_file_or_already_held_is_refused()
    {
        var tenant = await Tenant.Create(App);
        Assert.Equal(HttpStatusCode.Created, (await tenant.Client.PostJson("/v1/accounts", Tenant.AccountBody("existing"))).StatusCode);
        var csv = $"{Header}\ndouyin,fresh,,,brand,,,Asia/Shanghai,,,,,,,,\ndouyin,Twice,,,brand,,,Asia/Shanghai,,,,,,,,\n"
            + "douyin,twice,,,brand,,,Asia/Shanghai,,,,,,,,\nkuaishou,twice,,,brand,,,Asia/Shanghai,,,,,,,,\ndouyin,EXISTING,,,brand,,,Asia/Shanghai,,,,,,,,\n";

        var response = await tenant.Client.PostText("/v1/accounts/import", csv, "text/csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ApiClient.Json(response))["errors"]!.AsObject().Select(e => e.Key).ToHashSet();
        Assert.Equal(new HashSet<string> { "rows[3].handle", "rows[5].handle" }, errors);
        Assert.Single((await ApiClient.Json(await tenant.Client.Get("/v1/accounts")))["items"]!.AsArray());
    }

    [ProviderFact]
    public async Task More_than_ten_thousand_rows_are_refused_and_an_unknown_format_is_415()
    {
        var tenant = await Tenant.Create(App);
        var csv = new StringBuilder("platform,handle,kind,timeZone\n");
        for (var i = 0; i <= 10_000; i++)
        {
            csv.Append("douyin,h").Append(i).Append(",brand,Asia/Shanghai\n");
        }

        var response = await tenant.Client.PostText("/v1/accounts/import", csv.ToString(), "text/csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await ApiClient.Json(response))["errors"]!["rows"]);
        await AssertNoAccounts(tenant);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await tenant.Client.PostText("/v1/accounts/import", "[]", "application/json")).StatusCode);
        var unknownColumn = await tenant.Client.PostText("/v1/accounts/import", "platform,handel\ndouyin,x\n", "text/csv");
        Assert.NotNull((await ApiClient.Json(unknownColumn))["errors"]!["header"]);
    }

    [ProviderFact]
    public async Task A_replay_with_the_same_key_returns_the_first_response_and_a_repost_without_one_changes_nothing()
    {
        var tenant = await Tenant.Create(App);
        var csv = $"{Header}\ndouyin,again_1,,,brand,,,Asia/Shanghai,,,,,,,,\ndouyin,again_2,,,brand,,,Asia/Shanghai,,,,,,,,\n";

        var first = await tenant.Client.PostText("/v1/accounts/import", csv, "text/csv", idempotencyKey: "import-1");
        var replay = await tenant.Client.PostText("/v1/accounts/import", csv, "text/csv", idempotencyKey: "import-1");
        var repost = await tenant.Client.PostText("/v1/accounts/import", csv, "text/csv");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, repost.StatusCode);
        Assert.Equal(new HashSet<string> { "rows[1].handle", "rows[2].handle" },
            (await ApiClient.Json(repost))["errors"]!.AsObject().Select(e => e.Key).ToHashSet());
        Assert.Equal(2, (await ApiClient.Json(await tenant.Client.Get("/v1/accounts")))["items"]!.AsArray().Count);
    }

    [ProviderFact]
    public async Task The_import_limit_is_16_MiB_while_other_endpoints_keep_1_MiB()
    {
        var tenant = await Tenant.Create(App);
        var persona = new string('p', 400);
        var lines = Enumerable.Range(0, 4_000).Select(i =>
        {
            var body = Tenant.AccountBody($"big_{i}");
            body["persona"] = persona;
            return body.ToJsonString();
        });
        var ndjson = string.Join("\n", lines);
        Assert.True(Encoding.UTF8.GetByteCount(ndjson) > 2 * 1024 * 1024);

        var response = await tenant.Client.PostText("/v1/accounts/import", ndjson, "application/x-ndjson");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var tooBig = await tenant.Client.PostText("/v1/accounts/import", new string('x', 17 * 1024 * 1024), "text/csv");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        var body = Tenant.AccountBody("big");
        body["persona"] = new string('x', 2 * 1024 * 1024);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await tenant.Client.PostRaw("/v1/accounts", JsonSerializer.Serialize(body))).StatusCode);
    }

    private static async Task AssertNoAccounts(Tenant tenant) =>
        Assert.Empty((await ApiClient.Json(await tenant.Client.Get("/v1/accounts")))["items"]!.AsArray());
}

public sealed class SqliteAccountImportTests(SqliteHostFixture host) : AccountImportScenarios(host), IClassFixture<SqliteHostFixture>;

[RequiresPostgres]
public sealed class PostgresAccountImportTests(PostgresHostFixture host) : AccountImportScenarios(host), IClassFixture<PostgresHostFixture>;
