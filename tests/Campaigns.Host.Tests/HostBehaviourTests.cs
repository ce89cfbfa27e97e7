using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Campaigns.Application.Idempotency;
using Campaigns.Host.Tests.Support;
using Campaigns.Storage.Idempotency;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Host.Tests;

/// <summary>What the host offers besides resources: health, API description, dashboard, authentication.</summary>
public sealed class HostBehaviourTests(SqliteHostFixture host) : IClassFixture<SqliteHostFixture>
{
    private CampaignsApp App => host.App;

    [Fact]
    public async Task Health_is_live_and_ready_when_storage_and_scheduler_answer()
    {
        var anonymous = ApiClient.For(App, null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Get("/health/live")).StatusCode);
        var ready = await anonymous.Get("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_endpoints_and_docs_are_served()
    {
        var anonymous = ApiClient.For(App, null);
        var document = await ApiClient.Json(await anonymous.Get("/openapi/v1.json"));
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToHashSet();
        Assert.Superset(new HashSet<string> { "/v1/agencies", "/v1/accounts", "/v1/accounts/{id}", "/v1/accounts/{id}/suspend", "/v1/accounts/{id}/resume" }, paths);

        var docs = await App.CreateClient(new() { AllowAutoRedirect = true }).GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("text/html", docs.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_dashboard_needs_the_admin_key_as_bearer_or_basic_password()
    {
        var tenant = await Tenant.Create(App);
        var anonymous = App.CreateClient();
        var noKey = await anonymous.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        // Two challenges as two headers, as sent: Chromium reads one combined "Bearer, Basic …" header as Bearer only
        // and shows no login prompt. Fails if ApiKeyAuthenticationHandler.HandleChallengeAsync joins them again.
        Assert.Equal(["Bearer", "Basic realm=\"Campaigns\""], noKey.Headers.NonValidated["WWW-Authenticate"].ToArray());

        var basic = App.CreateClient();
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + App.Settings.AdminKey)));
        Assert.Equal(HttpStatusCode.OK, (await basic.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ApiClient.For(App, App.Settings.AdminKey).Get("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Client.Get("/dashboard/")).StatusCode);
    }

    [Fact]
    public async Task Keys_decide_who_may_do_what()
    {
        var anonymous = ApiClient.For(App, null);
        var wrong = ApiClient.For(App, "cmp_not_a_real_key");
        var tenant = await Tenant.Create(App);
        var admin = ApiClient.For(App, App.Settings.AdminKey);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.Get("/v1/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.Get("/v1/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJson("/v1/agencies", new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Client.PostJson("/v1/agencies", new { name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.Get("/v1/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostJson("/v1/agencies", new { name = " " })).StatusCode);
    }

    [Fact]
    public async Task A_retry_while_the_first_request_is_still_running_is_a_conflict()
    {
        var tenant = await Tenant.Create(App);
        var body = Tenant.AccountBody("inflight");
        // Stand in for a first request still being processed: its claim exists, its response does not yet.
        var store = App.Services.GetRequiredService<IdempotencyStore>();
        await store.ClaimAsync(tenant.Id, "slow-key", "hash-of-the-first-request", DateTimeOffset.UtcNow);

        var retry = await tenant.Client.PostJson("/v1/accounts", body, "slow-key");

        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Empty((await ApiClient.Json(await tenant.Client.Get("/v1/accounts")))["items"]!.AsArray());
    }

    [Fact]
    public async Task A_request_whose_key_was_taken_over_cannot_replace_the_answer_of_the_retry_that_took_it()
    {
        var tenant = await Tenant.Create(App);
        var body = Tenant.AccountBody("taken_over");
        // The first request claimed the key three minutes ago and is still running (its process stalled).
        var first = await App.Services.GetRequiredService<IdempotencyStore>()
            .ClaimAsync(tenant.Id, "stalled-key", "hash-of-the-first-request", DateTimeOffset.UtcNow - TimeSpan.FromMinutes(3));

        var retry = await tenant.Client.PostJson("/v1/accounts", body, "stalled-key");
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);

        // The first request finishes now and stores its answer the way IdempotencyMiddleware does: refused.
        var late = new IdempotencyTicket(tenant.Id, "stalled-key", IdempotencyDecision.Run, first.Token);
        Assert.False(await App.Services.GetRequiredService<IdempotentRequests>().CompleteAsync(late, new RecordedResponse(409, "application/problem+json", null, [])));
        Assert.False(await App.Services.GetRequiredService<IdempotentRequests>().ReleaseAsync(late));

        var replay = await tenant.Client.PostJson("/v1/accounts", body, "stalled-key");
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await retry.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
    }

    [Fact]
    public void The_gateway_reaches_storage_only_through_the_application()
    {
        var references = typeof(Gateway.GatewayServices).Assembly.GetReferencedAssemblies().Select(a => a.Name);

        Assert.DoesNotContain("Campaigns.Storage", references);
    }
}
