using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Host.Tests.Support;
using Campaigns.PlatformFakes;
using Campaigns.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Host.Tests;

/// <summary>
/// Connecting accounts to the five platforms through the real host and the platform fakes: the authorize URL, the
/// callback with its single-use state, and the credential the account shows afterwards.
/// </summary>
public abstract class ConnectScenarios(PlatformHostFixture host)
{
    protected CampaignsApp App => host.App;

    protected PlatformFakeSet Fakes => host.Fakes;

    public static TheoryData<string> Types => new() { "tiktok", "youtube", "instagram", "douyin", "kuaishou" };

    [ProviderFact]
    public async Task Every_platform_connects_through_its_authorize_page_and_the_account_shows_connected()
    {
        var tenant = await Tenant.Create(App);
        foreach (var type in Types)
        {
            var id = await ConnectFlow.CreateAccount(tenant, Fakes, type);
            Assert.Equal("not-connected", (await ConnectFlow.Credential(tenant, id))!["status"]!.GetValue<string>());

            var before = DateTimeOffset.UtcNow;
            var (authorize, expiresAt) = await ConnectFlow.Start(tenant, id);
            Assert.InRange(expiresAt, before.AddMinutes(9), DateTimeOffset.UtcNow.AddMinutes(10).AddSeconds(1));
            var redirect = await ConnectFlow.Consent(authorize);
            Assert.Equal($"{PlatformHostFixture.PublicBaseUrl}/v1/oauth/{type}/callback", redirect.GetLeftPart(UriPartial.Path));
            Assert.True(ConnectFlow.Query(authorize, "state").Length >= 43, type); // 32 random bytes, base64url

            var page = await ConnectFlow.Callback(App, redirect);

            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
            Assert.Contains("Connected", await page.Content.ReadAsStringAsync());
            Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
            var credential = (await ConnectFlow.Credential(tenant, id))!;
            Assert.Equal("connected", credential["status"]!.GetValue<string>());
            Assert.NotEmpty(credential["scopes"]!.AsArray());
            Assert.True(credential["expiresAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow, type);
            Assert.Null(credential["lastError"]);
            // The tokens the account holds are the ones the platform issued for its user.
            var held = await Grain(tenant, id).GetCredential();
            Assert.Equal(Fakes.For(type).Accounts.NextConsentingUser, Fakes.For(type).Accounts.UserOf(held.Credential!.AccessToken));
        }
    }

    [ProviderFact]
    public async Task A_replayed_or_concurrently_reused_state_is_refused_and_changes_nothing()
    {
        // Guarded by "used_at IS NULL" in OAuthStateStore.BurnAsync: without it the replay and the second of the
        // concurrent pair reach the platform again, which refuses the used code: a 400 on "code", not on "state".
        var tenant = await Tenant.Create(App);
        var id = await ConnectFlow.CreateAccount(tenant, Fakes, "tiktok");
        var (authorize, _) = await ConnectFlow.Start(tenant, id);
        var redirect = await ConnectFlow.Consent(authorize);
        Assert.Equal(HttpStatusCode.OK, (await ConnectFlow.Callback(App, redirect)).StatusCode);
        var connected = (await ConnectFlow.Credential(tenant, id))!.ToJsonString();

        var replay = await ConnectFlow.Callback(App, redirect);

        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.NotNull((await ApiClient.Json(replay))["errors"]!["state"]);
        Assert.Equal(connected, (await ConnectFlow.Credential(tenant, id))!.ToJsonString());

        // Two callbacks with one fresh state at once: exactly one goes through.
        var (again, _) = await ConnectFlow.Start(tenant, id);
        var second = await ConnectFlow.Consent(again);
        var answers = await Task.WhenAll(ConnectFlow.Callback(App, second), ConnectFlow.Callback(App, second));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.BadRequest], answers.Select(a => a.StatusCode).Order());
        var loser = answers.Single(a => a.StatusCode == HttpStatusCode.BadRequest);
        Assert.Equal(["state"], (await ApiClient.Json(loser))["errors"]!.AsObject().Select(e => e.Key));
    }

    [ProviderFact]
    public async Task A_forged_state_or_one_issued_for_another_platform_is_refused_and_stores_nothing()
    {
        // Guarded by BurnAsync's "connector_type = @connectorType": without it the TikTok state completes on the
        // YouTube callback and the grain refuses it only as a conflict (409), not as an unknown state.
        var tenant = await Tenant.Create(App);
        var id = await ConnectFlow.CreateAccount(tenant, Fakes, "tiktok");
        var (authorize, _) = await ConnectFlow.Start(tenant, id);
        var redirect = await ConnectFlow.Consent(authorize);

        var forged = await ConnectFlow.Callback(App, ConnectFlow.WithQuery(redirect, "state", "forged-" + Guid.NewGuid().ToString("N")));
        var elsewhere = await ConnectFlow.Callback(App, new Uri(redirect.AbsoluteUri.Replace("/oauth/tiktok/", "/oauth/youtube/", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.NotNull((await ApiClient.Json(elsewhere))["errors"]!["state"]);
        Assert.Equal("not-connected", (await ConnectFlow.Credential(tenant, id))!["status"]!.GetValue<string>());
        // Neither burned the real state: it still connects.
        Assert.Equal(HttpStatusCode.OK, (await ConnectFlow.Callback(App, redirect)).StatusCode);
    }

    [ProviderFact]
    public async Task A_user_who_declines_gets_a_page_saying_so_and_the_state_is_used_up()
    {
        var tenant = await Tenant.Create(App);
        var id = await ConnectFlow.CreateAccount(tenant, Fakes, "douyin");
        var (authorize, _) = await ConnectFlow.Start(tenant, id);
        Fakes.Douyin.Accounts.DenyNextConsent = true;
        var redirect = await ConnectFlow.Consent(authorize);
        Assert.Equal("access_denied", ConnectFlow.Query(redirect, "error"));

        var page = await ConnectFlow.Callback(App, redirect);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var text = await page.Content.ReadAsStringAsync();
        Assert.Contains("Not connected", text);
        Assert.Contains("access_denied", text);
        Assert.Equal("not-connected", (await ConnectFlow.Credential(tenant, id))!["status"]!.GetValue<string>());
        var withCode = ConnectFlow.WithQuery(redirect, "code", Fakes.Douyin.Accounts.IssueCode("user-1"));
        Assert.Equal(HttpStatusCode.BadRequest, (await ConnectFlow.Callback(App, withCode)).StatusCode);
    }

    [ProviderFact]
    public async Task A_youtube_code_completes_only_the_attempt_whose_pkce_verifier_it_was_issued_for()
    {
        // Guarded by CompleteConnectHandler passing the revealed verifier: with null, the fake refuses every
        // YouTube exchange and the last callback below fails too.
        var tenant = await Tenant.Create(App);
        var id = await ConnectFlow.CreateAccount(tenant, Fakes, "youtube");
        var (first, _) = await ConnectFlow.Start(tenant, id);
        var (second, _) = await ConnectFlow.Start(tenant, id);
        Assert.NotEqual(ConnectFlow.Query(first, "code_challenge"), ConnectFlow.Query(second, "code_challenge"));
        var firstBack = await ConnectFlow.Consent(first);
        var secondBack = await ConnectFlow.Consent(second);

        // The first attempt's code with the second attempt's state: the host sends the second verifier.
        var spliced = await ConnectFlow.Callback(App, ConnectFlow.WithQuery(secondBack, "code", ConnectFlow.Query(firstBack, "code")));

        Assert.Equal(HttpStatusCode.BadRequest, spliced.StatusCode);
        Assert.Contains("invalid_grant", (await ApiClient.Json(spliced))["errors"]!["code"]![0]!.GetValue<string>());
        Assert.Equal("not-connected", (await ConnectFlow.Credential(tenant, id))!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await ConnectFlow.Callback(App, firstBack)).StatusCode);
        Assert.Equal("connected", (await ConnectFlow.Credential(tenant, id))!["status"]!.GetValue<string>());
    }

    [ProviderFact]
    public async Task Connect_refuses_unknown_foreign_suspended_and_non_platform_accounts()
    {
        var tenant = await Tenant.Create(App);
        var other = await Tenant.Create(App, "Other Agency");
        var id = await ConnectFlow.CreateAccount(tenant, Fakes, "kuaishou");
        var sandbox = await tenant.Client.PostJson("/v1/accounts", Tenant.AccountBody("plain_" + Guid.NewGuid().ToString("N")[..8]));
        var sandboxId = (await ApiClient.Json(sandbox))["id"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.NotFound, (await tenant.Client.Post("/v1/accounts/acc_nope/connect")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.Post($"/v1/accounts/{id}/connect")).StatusCode);
        var onSandbox = await tenant.Client.Post($"/v1/accounts/{sandboxId}/connect");
        Assert.Equal(HttpStatusCode.BadRequest, onSandbox.StatusCode);
        Assert.NotNull((await ApiClient.Json(onSandbox))["errors"]!["connector.type"]);
        Assert.Null((await ConnectFlow.Credential(tenant, sandboxId)));
        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.Post($"/v1/accounts/{id}/suspend")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await tenant.Client.Post($"/v1/accounts/{id}/connect")).StatusCode);
    }

    [ProviderFact]
    public async Task The_credential_filter_lists_accounts_by_status_and_refuses_unknown_words()
    {
        var tenant = await Tenant.Create(App);
        var waiting = await ConnectFlow.CreateAccount(tenant, Fakes, "instagram");
        var connected = await ConnectFlow.CreateAccount(tenant, Fakes, "instagram");
        await ConnectFlow.Connect(App, tenant, connected);
        await tenant.Client.PostJson("/v1/accounts", Tenant.AccountBody("plain_" + Guid.NewGuid().ToString("N")[..8]));

        Assert.Equal([waiting], await Listed(tenant, "not-connected"));
        Assert.Equal([connected], await Listed(tenant, "connected"));
        Assert.Empty(await Listed(tenant, "needs-reauth"));
        var bad = await tenant.Client.Get("/v1/accounts?credential=revoked");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull((await ApiClient.Json(bad))["errors"]!["credential"]);
    }

    [ProviderFact]
    public async Task A_connector_that_does_not_fit_the_platform_is_refused_and_changing_connector_resets_the_credential()
    {
        var tenant = await Tenant.Create(App);
        var body = Tenant.AccountBody("misfit", platform: "douyin");
        body["connector"] = new JsonObject { ["type"] = "tiktok" };
        var misfit = await tenant.Client.PostJson("/v1/accounts", body);
        Assert.Equal(HttpStatusCode.BadRequest, misfit.StatusCode);
        Assert.Contains("tiktok", (await ApiClient.Json(misfit))["errors"]!["connector.type"]![0]!.GetValue<string>());

        var id = await ConnectFlow.CreateAccount(tenant, Fakes, "douyin");
        await ConnectFlow.Connect(App, tenant, id);
        var patchMisfit = await tenant.Client.Patch($"/v1/accounts/{id}", new { connector = new { type = "youtube" } });
        Assert.Equal(HttpStatusCode.BadRequest, patchMisfit.StatusCode);
        Assert.NotNull((await ApiClient.Json(patchMisfit))["errors"]!["connector.type"]);
        Assert.Equal("connected", (await ConnectFlow.Credential(tenant, id))!["status"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.Patch($"/v1/accounts/{id}", new { connector = new { type = "sandbox" } })).StatusCode);
        Assert.Null(await ConnectFlow.Credential(tenant, id));
        Assert.False((await Grain(tenant, id).GetCredential()).Ok);
        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.Patch($"/v1/accounts/{id}", new { connector = new { type = "douyin" } })).StatusCode);
        Assert.Equal("not-connected", (await ConnectFlow.Credential(tenant, id))!["status"]!.GetValue<string>());
        Assert.Equal(CredentialFailureKind.NotConnected, (await Grain(tenant, id).GetCredential()).Failure!.Kind);
    }

    protected IAccountGrain Grain(Tenant tenant, string accountId) =>
        App.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountGrain>(GrainKeys.For(tenant.Id, accountId));

    private static async Task<List<string>> Listed(Tenant tenant, string credential) =>
        (await ApiClient.Json(await tenant.Client.Get($"/v1/accounts?credential={credential}")))["items"]!.AsArray()
            .Select(a => a!["id"]!.GetValue<string>()).ToList();
}

[Collection(SqlitePlatformHostFixture.Collection)]
public sealed class SqliteConnectTests(SqlitePlatformHostFixture host) : ConnectScenarios(host);

[RequiresPostgres]
[Collection(PostgresPlatformHostFixture.Collection)]
public sealed class PostgresConnectTests(PostgresPlatformHostFixture host) : ConnectScenarios(host);
