using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Campaigns.Domain.Accounts;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Host.Tests.Support;
using Campaigns.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Campaigns.Host.Tests;

/// <summary>Engagement feedback on published pushes, through the real host, per storage provider.</summary>
public abstract class FeedbackApiScenarios(HostFixture host)
{
    private CampaignsApp App => host.App;

    [ProviderFact]
    public async Task Snapshots_are_cumulative_idempotent_and_roll_up_to_the_product()
    {
        var tenant = await Tenant.Create(App);
        var (pushId, productId) = await PublishOnePushAsync(tenant, connector: null);
        var at = DateTimeOffset.UtcNow.AddMinutes(1); // after the publish, so that at - 30 s is too

        var first = await tenant.Client.PostJson($"/v1/pushes/{pushId}/metrics", Snapshot(at, views: 1000, clicks: 50, orders: 5, gmv: 995.0m));
        Assert.True(first.StatusCode == HttpStatusCode.Accepted, await first.Content.ReadAsStringAsync());
        Assert.True((await ApiClient.Json(first))["applied"]!.GetValue<bool>());

        var older = await ApiClient.Json(await tenant.Client.PostJson($"/v1/pushes/{pushId}/metrics", Snapshot(at.AddSeconds(-30), views: 10, clicks: 1, orders: 0, gmv: 0)));
        Assert.False(older["applied"]!.GetValue<bool>());
        var duplicate = await ApiClient.Json(await tenant.Client.PostJson($"/v1/pushes/{pushId}/metrics", Snapshot(at, views: 1000, clicks: 50, orders: 5, gmv: 995.0m)));
        Assert.False(duplicate["applied"]!.GetValue<bool>());

        var decreasing = await tenant.Client.PostJson($"/v1/pushes/{pushId}/metrics", Snapshot(at.AddSeconds(30), views: 999, clicks: 60, orders: 5, gmv: 995.0m));
        Assert.Equal(HttpStatusCode.BadRequest, decreasing.StatusCode);
        Assert.NotNull((await ApiClient.Json(decreasing))["errors"]!["views"]);
        var negative = await tenant.Client.PostJson($"/v1/pushes/{pushId}/metrics", Snapshot(at.AddSeconds(30), views: -1, clicks: 0, orders: 0, gmv: 0));
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);

        var push = await ApiClient.Json(await tenant.Client.Get($"/v1/pushes/{pushId}"));
        Assert.Equal((1000L, 50L, 995.0m), (push["metrics"]!["views"]!.GetValue<long>(), push["metrics"]!["clicks"]!.GetValue<long>(), push["metrics"]!["gmv"]!.GetValue<decimal>()));
        var stats = (await ApiClient.Json(await tenant.Client.Get($"/v1/products/{productId}")))["stats"]!;
        Assert.Equal((50L, 5L, 995.0m, 0.1), (stats["clicks"]!.GetValue<long>(), stats["orders"]!.GetValue<long>(), stats["gmv"]!["amount"]!.GetValue<decimal>(), stats["conversionRate"]!.GetValue<double>()));

        var other = await Tenant.Create(App, "Other");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.PostJson($"/v1/pushes/{pushId}/metrics", Snapshot(at.AddSeconds(60), 2000, 60, 6, 1000m))).StatusCode);
    }

    [ProviderFact]
    public async Task Platform_callbacks_must_carry_a_fresh_signature_made_with_the_accounts_secret()
    {
        const string secret = "a-webhook-secret-of-sufficient-length";
        await using var publisher = await FakePublisher.StartAsync();
        var tenant = await Tenant.Create(App);
        var (pushId, _) = await PublishOnePushAsync(tenant, new JsonObject { ["type"] = "webhook", ["url"] = publisher.Url, ["secret"] = secret });
        var body = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["idempotencyKey"] = $"{tenant.Id}:{pushId}",
            ["at"] = DateTimeOffset.UtcNow.ToString("O"),
            ["views"] = 321,
        }.ToJsonString());
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        Assert.Equal(HttpStatusCode.Unauthorized, (await Callback(body, now, "wrong-secret-wrong-secret")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Callback(body, now - 3600, secret)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Callback(body, now, secret)).StatusCode);
        var replay = await ApiClient.Json(await Callback(body, now, secret));
        Assert.False(replay["applied"]!.GetValue<bool>());
        Assert.Equal(321, (await ApiClient.Json(await tenant.Client.Get($"/v1/pushes/{pushId}")))["metrics"]!["views"]!.GetValue<long>());
    }

    [ProviderFact]
    public async Task Forged_unsigned_and_stale_callbacks_are_refused_without_waking_the_account()
    {
        const string secret = "a-webhook-secret-of-sufficient-length";
        await using var publisher = await FakePublisher.StartAsync();
        var tenant = await Tenant.Create(App);
        var (push, _) = await OnePush.LaunchAsync(tenant, new JsonObject { ["type"] = "webhook", ["url"] = publisher.Url, ["secret"] = secret });
        var pushId = push["id"]!.GetValue<string>();
        var grains = App.Services.GetRequiredService<IGrainFactory>();
        var accountId = push["accountId"]!.GetValue<string>();
        var account = grains.GetGrain<IAccountGrain>(GrainKeys.For(tenant.Id, accountId)).GetGrainId();
        var management = grains.GetGrain<IManagementGrain>(0);
        await Poll.Until(async () =>
        {
            await management.ForceActivationCollection(TimeSpan.Zero);
            var active = await ActiveAsync(management);
            return !active.Contains(account);
        }, TimeSpan.FromSeconds(30));
        var body = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["idempotencyKey"] = $"{tenant.Id}:{pushId}", ["at"] = DateTimeOffset.UtcNow.ToString("O"), ["views"] = 5,
        }.ToJsonString());
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        Assert.Equal(HttpStatusCode.Unauthorized, (await Callback(body, now, "a-forger-guessing-the-secret")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Callback(body, now, secret: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Callback(body, now - 3600, secret)).StatusCode);

        // Fails if WebhookCallbackHandler asks the account grain to verify (as it did) instead of reading the secret
        // with AccountStore.FindConnectorSecretAsync: the forged callback would have activated the account.
        var afterForged = await ActiveAsync(management);
        Assert.DoesNotContain(account, afterForged);
        // There is no grain per push: a valid callback reaches ingestion in process (IMetricsRecorder), no grain at
        // all, so only the account is checked here.
        Assert.Equal(HttpStatusCode.Accepted, (await Callback(body, now, secret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.Get($"/v1/accounts/{accountId}")).StatusCode);
        Assert.Contains(account, await ActiveAsync(management)); // the check sees an activation when there is one
    }

    private static async Task<HashSet<GrainId>> ActiveAsync(IManagementGrain management) =>
        (await management.GetDetailedGrainStatistics()).Select(s => s.GrainId).ToHashSet();

    /// <summary>A callback signed with <paramref name="secret"/>, or without a signature when it is null.</summary>
    private Task<HttpResponseMessage> Callback(byte[] body, long timestamp, string? secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks/webhook") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString());
        if (secret is not null)
        {
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(secret, timestamp, body));
        }
        return App.CreateClient().SendAsync(request);
    }

    private static async Task<(string PushId, string ProductId)> PublishOnePushAsync(Tenant tenant, JsonObject? connector)
    {
        var (push, productId) = await OnePush.LaunchAsync(tenant, connector);
        return (push["id"]!.GetValue<string>(), productId);
    }

    private static JsonObject Snapshot(DateTimeOffset at, long views, long clicks, long orders, decimal gmv) => new()
    {
        ["at"] = at.ToString("O"), ["views"] = views, ["likes"] = views / 10, ["comments"] = 0, ["shares"] = 0,
        ["clicks"] = clicks, ["orders"] = orders, ["gmv"] = gmv,
    };
}

public sealed class SqliteFeedbackApiTests(SqliteHostFixture host) : FeedbackApiScenarios(host), IClassFixture<SqliteHostFixture>;

[RequiresPostgres]
public sealed class PostgresFeedbackApiTests(PostgresHostFixture host) : FeedbackApiScenarios(host), IClassFixture<PostgresHostFixture>;
