using System.Net;
using System.Text;
using Campaigns.Application.Agencies;
using Campaigns.Host.Tests.Support;
using Campaigns.Storage;
using Campaigns.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Host.Tests;

/// <summary>An agency's API keys (<c>/v1/keys</c>) and the admin's <c>POST /v1/agencies/{id}/keys</c>, through the real host.</summary>
public sealed class ApiKeyScenarios(SqliteHostFixture host) : IClassFixture<SqliteHostFixture>
{
    private CampaignsApp App => host.App;

    [Fact]
    public async Task A_new_key_works_is_listed_without_its_secret_and_once_revoked_is_refused()
    {
        var tenant = await Tenant.Create(App);
        var created = await tenant.Client.PostJson("/v1/keys", new { name = "ci-robot" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = await ApiClient.Json(created);
        var (id, secret) = (key["id"]!.GetValue<string>(), key["apiKey"]!.GetValue<string>());
        Assert.Equal("ci-robot", key["name"]!.GetValue<string>());
        Assert.StartsWith("key_", id);
        Assert.NotNull(key["createdAt"]);
        var robot = ApiClient.For(App, secret);
        Assert.Equal(HttpStatusCode.OK, (await robot.Get("/v1/accounts")).StatusCode);

        var unused = await ApiClient.Json(await tenant.Client.PostJson("/v1/keys", new { name = "spare" }));
        var listed = await tenant.Client.Get("/v1/keys");
        var listText = await listed.Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, listText);
        Assert.DoesNotContain(ApiKeys.Hash(secret), listText);
        Assert.DoesNotContain("apiKey", listText);
        var items = (await ApiClient.Json(listed))["items"]!.AsArray();
        Assert.Equal([ApiKeys.InitialName, "ci-robot", "spare"], items.Select(k => k!["name"]!.GetValue<string>()));
        Assert.NotNull(items[1]!["lastUsedAt"]);
        Assert.Null(items[2]!["lastUsedAt"]);
        Assert.Equal(unused["id"]!.GetValue<string>(), items[2]!["id"]!.GetValue<string>());

        // This silo forgets a revoked key at once (DeleteApiKeyHandler → ApiKeyAuthenticator.Forget); other silos within 5 s.
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Client.Http.DeleteAsync($"/v1/keys/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await robot.Get("/v1/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.Client.Http.DeleteAsync($"/v1/keys/{id}")).StatusCode);
        Assert.Equal(2, (await ApiClient.Json(await tenant.Client.Get("/v1/keys")))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_last_key_cannot_be_deleted_and_another_agencys_key_is_not_found()
    {
        var acme = await Tenant.Create(App, "Acme");
        var other = await Tenant.Create(App, "Other");
        var acmeKeyId = (await ApiClient.Json(await acme.Client.Get("/v1/keys")))["items"]![0]!["id"]!.GetValue<string>();

        var last = await acme.Client.Http.DeleteAsync($"/v1/keys/{acmeKeyId}");
        Assert.Equal(HttpStatusCode.Conflict, last.StatusCode);
        Assert.Contains("last key", (await ApiClient.Json(last))["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.Http.DeleteAsync($"/v1/keys/{acmeKeyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.Http.DeleteAsync("/v1/keys/not-a-key")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await acme.Client.Get("/v1/accounts")).StatusCode);

        var blank = await acme.Client.PostJson("/v1/keys", new { name = " " });
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.NotNull((await ApiClient.Json(blank))["errors"]!["name"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await ApiClient.For(App, App.Settings.AdminKey).Get("/v1/keys")).StatusCode);
    }

    [Fact]
    public async Task The_admin_issues_a_key_for_an_agency_that_lost_its_own()
    {
        var tenant = await Tenant.Create(App);
        var admin = ApiClient.For(App, App.Settings.AdminKey);

        var issued = await admin.PostJson($"/v1/agencies/{tenant.Id}/keys", new { name = "recovered" });

        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var recovered = ApiClient.For(App, (await ApiClient.Json(issued))["apiKey"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await recovered.Get("/v1/keys")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostJson("/v1/agencies/agy_0190000000000000abcdef/keys", new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Client.PostJson($"/v1/agencies/{tenant.Id}/keys", new { name = "x" })).StatusCode);
    }

    [Fact]
    public async Task A_replayed_key_creation_does_not_hand_out_the_key_again_and_no_key_rests_in_the_stored_answer()
    {
        var tenant = await Tenant.Create(App);
        var first = await tenant.Client.PostJson("/v1/keys", new { name = "once" }, idempotencyKey: "new-key-1");
        var replay = await tenant.Client.PostJson("/v1/keys", new { name = "once" }, idempotencyKey: "new-key-1");

        var secret = (await ApiClient.Json(first))["apiKey"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        var replayed = await ApiClient.Json(replay);
        Assert.Null(replayed["apiKey"]);
        Assert.Equal((await ApiClient.Json(first))["id"]!.GetValue<string>(), replayed["id"]!.GetValue<string>());
        Assert.Equal(2, (await ApiClient.Json(await tenant.Client.Get("/v1/keys")))["items"]!.AsArray().Count);

        await using var connection = await App.Services.GetRequiredService<DbConnectionFactory>().OpenAsync();
        var stored = await connection.QuerySingleAsync<byte[]>(
            "SELECT body FROM idempotency_keys WHERE scope = @scope AND key = 'new-key-1'", new { scope = tenant.Id });
        Assert.DoesNotContain(secret, Encoding.UTF8.GetString(stored));
    }

    [Fact]
    public async Task An_agency_holds_at_most_a_hundred_keys()
    {
        var tenant = await Tenant.Create(App);
        for (var i = 1; i < ApiKeys.MaxPerAgency; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await tenant.Client.PostJson("/v1/keys", new { name = $"k{i}" })).StatusCode);
        }

        var refused = await tenant.Client.PostJson("/v1/keys", new { name = "one too many" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var page = await ApiClient.Json(await tenant.Client.Get("/v1/keys?limit=60"));
        Assert.Equal(60, page["items"]!.AsArray().Count);
        var rest = await ApiClient.Json(await tenant.Client.Get($"/v1/keys?limit=60&cursor={page["nextCursor"]!.GetValue<string>()}"));
        Assert.Equal(ApiKeys.MaxPerAgency - 60, rest["items"]!.AsArray().Count);
        Assert.Null(rest["nextCursor"]);
    }
}
