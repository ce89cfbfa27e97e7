using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Campaigns.Domain.Accounts;
using Campaigns.Host.Tests.Support;
using Campaigns.Scheduling.Telemetry;
using Campaigns.Testing;

namespace Campaigns.Host.Tests.Telemetry;

/// <summary>
/// Requests carrying an API key, a body with a distinctive string, a webhook secret and a made-up token go through the
/// real host — a push is published through a webhook, a signed callback lands, a forged one and a malformed request are
/// refused — while in-memory exporters capture every span, metric point and log record (scopes included) the host
/// exports. None of the distinctive strings may appear in any of them.
/// </summary>
public sealed class TelemetrySecretsTests(TelemetrySecretsTests.CapturingHost host) : IClassFixture<TelemetrySecretsTests.CapturingHost>
{
    private readonly string _bodySecret = "body-secret-" + Guid.NewGuid().ToString("N");
    private readonly string _webhookSecret = "webhook-secret-" + Guid.NewGuid().ToString("N");
    private readonly string _madeUpToken = "cmp_madeup" + Guid.NewGuid().ToString("N");

    // Fails when PushTracing.StartPublish also tags the push's caption (checked: `activity.SetTag("campaigns.push.caption",
    // push.Caption)` puts the body's string in the "publish push" span).
    [Fact]
    public async Task No_key_token_body_or_secret_reaches_spans_metrics_or_logs()
    {
        await using var platform = await FakePlatform.StartAsync();
        var tenant = await Tenant.Create(host.App);
        var (agencyId, pushId) = await PublishThroughWebhookAsync(tenant, platform);
        await SendRefusedRequestsAsync(tenant, $"{agencyId}:{pushId}");

        ExportedTelemetry.Flush(host.App.Services);
        var exported = host.Telemetry;
        // The capture sees what matters: the publish span with its tags, the request spans, our meters and the logs.
        Assert.Contains(exported.Spans.Snapshot(), s => s.OperationName == "publish push"
            && (string?)s.GetTagItem(PushTracing.PushIdTag) == pushId && (string?)s.GetTagItem(PushTracing.OutcomeTag) == "published");
        Assert.Contains(exported.Spans.Snapshot(), s => s.Kind == ActivityKind.Server && (string?)s.GetTagItem("url.path") == "/v1/accounts");
        Assert.Contains(exported.Metrics.Snapshot(), m => m.Name == PushMetrics.SettledInstrument);
        Assert.NotEmpty(exported.Logs.Snapshot());

        var secrets = new Dictionary<string, string>
        {
            ["agency API key"] = tenant.ApiKey, ["admin key"] = host.App.Settings.AdminKey!, ["request body"] = _bodySecret,
            ["webhook secret"] = _webhookSecret, ["made-up bearer token"] = _madeUpToken,
        };
        var leaks = exported.Texts()
            .SelectMany(t => secrets.Where(s => t.Text.Contains(s.Value, StringComparison.Ordinal)).Select(s => $"{s.Key} in {t.Where}: {t.Text}"))
            .Distinct().Take(10).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
    }

    /// <summary>A webhook account whose video's title and caption carry the body string; waits until its push is published.</summary>
    private async Task<(string AgencyId, string PushId)> PublishThroughWebhookAsync(Tenant tenant, FakePlatform platform)
    {
        var account = Tenant.AccountBody("tel_" + Guid.NewGuid().ToString("N")[..8]);
        account["caps"]!.AsObject().Remove("quietHours");
        account["persona"] = _bodySecret;
        account["connector"] = new JsonObject { ["type"] = "webhook", ["url"] = platform.Url, ["secret"] = _webhookSecret };
        var accountId = await CreateAsync(tenant, "/v1/accounts", account);
        var videoId = await CreateAsync(tenant, "/v1/videos", new JsonObject
        {
            ["title"] = _bodySecret, ["copy"] = _bodySecret, ["type"] = "product-showcase", ["durationSeconds"] = 30,
            ["variants"] = new JsonObject { ["douyin"] = new JsonObject { ["caption"] = _bodySecret } },
        });
        var campaignId = await CreateAsync(tenant, "/v1/campaigns", new JsonObject
        {
            ["name"] = "Telemetry", ["timeZone"] = "Asia/Shanghai", ["videoIds"] = new JsonArray(videoId),
            ["strategy"] = new JsonObject
            {
                ["kind"] = "matrix", ["accounts"] = new JsonObject { ["ids"] = new JsonArray(accountId) },
                ["startAt"] = DateTimeOffset.UtcNow.AddSeconds(2).ToString("O"), ["staggerSeconds"] = 0,
            },
        });
        Assert.Equal(HttpStatusCode.Accepted, (await tenant.Client.Post($"/v1/campaigns/{campaignId}/launch")).StatusCode);
        var pushes = await ApiClient.Json(await tenant.Client.Get($"/v1/campaigns/{campaignId}/pushes"));
        var pushId = Assert.Single(pushes["items"]!.AsArray())!["id"]!.GetValue<string>();
        Assert.Equal(_bodySecret, pushes["items"]![0]!["caption"]!.GetValue<string>()); // the body's string is what gets published
        await Poll.Until(async () => (await ApiClient.Json(await tenant.Client.Get($"/v1/pushes/{pushId}")))["status"]!.GetValue<string>() == "published",
            TimeSpan.FromSeconds(60));
        Assert.Equal(1, platform.Creates($"{tenant.Id}:{pushId}"));
        return (tenant.Id, pushId);
    }

    /// <summary>A signed callback (the secret in use), a forged one, a malformed request and a made-up token.</summary>
    private async Task SendRefusedRequestsAsync(Tenant tenant, string idempotencyKey)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signed = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { idempotencyKey, at = DateTimeOffset.UtcNow.ToString("O"), views = 1200 }));
        Assert.Equal(HttpStatusCode.Accepted, (await CallbackAsync(signed, now, WebhookSignature.Compute(_webhookSecret, now, signed))).StatusCode);
        var forged = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { idempotencyKey = _bodySecret, views = 1 }));
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallbackAsync(forged, now, "sha256=" + Convert.ToHexString(SHA256Of(_bodySecret)))).StatusCode);

        var malformed = Tenant.AccountBody("bad_" + Guid.NewGuid().ToString("N")[..8]);
        malformed["platform"] = _bodySecret;
        Assert.Equal(HttpStatusCode.BadRequest, (await tenant.Client.PostJson("/v1/accounts", malformed)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await tenant.Client.PostRaw("/v1/videos", "{\"title\": \"" + _bodySecret + "\", \"durationSeconds\": \"" + _bodySecret + "\"}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiClient.For(host.App, _madeUpToken).Get("/v1/accounts")).StatusCode);
    }

    private Task<HttpResponseMessage> CallbackAsync(byte[] body, long timestamp, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/webhooks/webhook") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString());
        request.Headers.Add(WebhookSignature.SignatureHeader, signature);
        return host.App.CreateClient().SendAsync(request);
    }

    private static byte[] SHA256Of(string text) => System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text));

    private static async Task<string> CreateAsync(Tenant tenant, string path, JsonObject body)
    {
        var response = await tenant.Client.PostJson(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await ApiClient.Json(response))["id"]!.GetValue<string>();
    }

    /// <summary>
    /// A host exporting to in-memory collections as well, with our own and ASP.NET Core's debug logs on (a body or
    /// key logged at Debug would leak the moment an operator turns it on).
    /// </summary>
    public sealed class CapturingHost : HostFixture
    {
        private readonly TempSqliteDatabase _database = new();

        public ExportedTelemetry Telemetry { get; } = new();

        protected override Task<HostSettings?> CreateSettingsAsync() => Task.FromResult<HostSettings?>(
            HostSettings.Sqlite(_database.Directory) with
            {
                Services = Telemetry.AddTo,
                Overrides = new Dictionary<string, string>
                {
                    ["Logging:LogLevel:Campaigns"] = "Debug",
                    ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
                    ["Campaigns:Sandbox:FeedSeconds"] = "0",
                },
            });

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            _database.Dispose();
        }
    }
}
