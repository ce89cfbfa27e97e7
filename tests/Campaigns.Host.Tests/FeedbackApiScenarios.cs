using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Campaigns.Connectors.Webhook;
using Campaigns.Host.Tests.Support;
using Campaigns.Testing;

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

    private Task<HttpResponseMessage> Callback(byte[] body, long timestamp, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks/webhook") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString());
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(secret, timestamp, body));
        return App.CreateClient().SendAsync(request);
    }

    private async Task<(string PushId, string ProductId)> PublishOnePushAsync(Tenant tenant, JsonObject? connector)
    {
        var account = Tenant.AccountBody("fb_" + Guid.NewGuid().ToString("N")[..8]);
        account["caps"]!.AsObject().Remove("quietHours");
        if (connector is not null)
        {
            account["connector"] = connector;
        }
        var accountId = await Create(tenant, "/v1/accounts", account);
        var productId = await Create(tenant, "/v1/products", new JsonObject
        {
            ["sku"] = "FB-" + Guid.NewGuid().ToString("N")[..6], ["title"] = "Serum",
            ["price"] = new JsonObject { ["amount"] = 199, ["currency"] = "CNY" },
        });
        var videoId = await Create(tenant, "/v1/videos", new JsonObject
        {
            ["title"] = "Demo", ["type"] = "product-showcase", ["durationSeconds"] = 120, ["productIds"] = new JsonArray(productId),
        });
        var campaign = await Create(tenant, "/v1/campaigns", new JsonObject
        {
            ["name"] = "Feedback", ["timeZone"] = "Asia/Shanghai", ["videoIds"] = new JsonArray(videoId),
            ["strategy"] = new JsonObject
            {
                ["kind"] = "matrix", ["accounts"] = new JsonObject { ["ids"] = new JsonArray(accountId) },
                ["startAt"] = DateTimeOffset.UtcNow.AddSeconds(1).ToString("O"), ["staggerSeconds"] = 0,
            },
        });
        Assert.Equal(HttpStatusCode.Accepted, (await tenant.Client.Post($"/v1/campaigns/{campaign}/launch")).StatusCode);
        string? pushId = null;
        await Poll.Until(async () =>
        {
            var published = (await ApiClient.Json(await tenant.Client.Get($"/v1/campaigns/{campaign}/pushes?status=published")))["items"]!.AsArray();
            pushId = published.Count == 1 ? published[0]!["id"]!.GetValue<string>() : null;
            return pushId is not null;
        }, TimeSpan.FromSeconds(60));
        return (pushId!, productId);
    }

    private static JsonObject Snapshot(DateTimeOffset at, long views, long clicks, long orders, decimal gmv) => new()
    {
        ["at"] = at.ToString("O"), ["views"] = views, ["likes"] = views / 10, ["comments"] = 0, ["shares"] = 0,
        ["clicks"] = clicks, ["orders"] = orders, ["gmv"] = gmv,
    };

    private static async Task<string> Create(Tenant tenant, string path, JsonObject body)
    {
        var response = await tenant.Client.PostJson(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await ApiClient.Json(response))["id"]!.GetValue<string>();
    }
}

public sealed class SqliteFeedbackApiTests(SqliteHostFixture host) : FeedbackApiScenarios(host), IClassFixture<SqliteHostFixture>;

[RequiresPostgres]
public sealed class PostgresFeedbackApiTests(PostgresHostFixture host) : FeedbackApiScenarios(host), IClassFixture<PostgresHostFixture>;
