using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Connectors.Outbound;
using Campaigns.Host.Tests.Support;
using Campaigns.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Host.Tests;

/// <summary>
/// A host as deployed: private addresses refused. Its resolver is scripted (<c>publisher.test</c> → 127.0.0.1), so
/// a name that resolves privately is tried without leaving this machine.
/// </summary>
public sealed class OutboundGuardScenarios(GuardedHostFixture host) : IClassFixture<GuardedHostFixture>
{
    private const string Secret = "a-webhook-secret-of-sufficient-length";

    private CampaignsApp App => host.App;

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook", "loopback")]
    [InlineData("http://localhost:8080/hook", "loopback")]
    [InlineData("http://[::1]/hook", "loopback")]
    [InlineData("http://[::ffff:127.0.0.1]:8080/hook", "loopback (IPv4-mapped)")]
    [InlineData("http://10.1.2.3/hook", "private")]
    [InlineData("http://169.254.169.254/latest/meta-data", "link-local")]
    [InlineData("http://2130706433/hook", "loopback")] // 127.0.0.1 written as one number
    public async Task A_webhook_url_at_a_private_address_is_a_400_on_the_url_at_creation_and_patch(string url, string kind)
    {
        var tenant = await Tenant.Create(App);
        var body = Tenant.AccountBody("pv_" + Guid.NewGuid().ToString("N")[..8]);
        body["connector"] = Webhook(url);

        var created = await tenant.Client.PostJson("/v1/accounts", body);

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        var errors = (await ApiClient.Json(created))["errors"]!.AsObject();
        Assert.Equal(["connector.url"], errors.Select(e => e.Key));
        Assert.Contains($"a {kind} address", errors["connector.url"]![0]!.GetValue<string>());

        body["connector"] = new JsonObject { ["type"] = "sandbox" };
        var id = (await ApiClient.Json(await tenant.Client.PostJson("/v1/accounts", body)))["id"]!.GetValue<string>();
        var patched = await tenant.Client.Patch($"/v1/accounts/{id}", new JsonObject { ["connector"] = Webhook(url) });
        Assert.Equal(HttpStatusCode.BadRequest, patched.StatusCode);
        Assert.Equal(["connector.url"], (await ApiClient.Json(patched))["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task An_import_row_with_a_private_webhook_url_is_refused_by_row_and_column()
    {
        var tenant = await Tenant.Create(App);
        var header = "platform,handle,brand,kind,timeZone,connectorType,connectorUrl,connectorSecret";
        var csv = $"{header}\ndouyin,im_ok,acme,brand,Asia/Shanghai,webhook,https://publisher.test/hook,{Secret}\n"
            + $"douyin,im_bad,acme,brand,Asia/Shanghai,webhook,http://192.168.1.10/hook,{Secret}\n";

        var response = await tenant.Client.PostText("/v1/accounts/import", csv, "text/csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["rows[2].connectorUrl"], (await ApiClient.Json(response))["errors"]!.AsObject().Select(e => e.Key));
    }

    [Fact]
    public async Task A_push_to_a_name_that_resolves_privately_fails_at_once_and_says_why()
    {
        await using var publisher = await FakePublisher.StartAsync();
        var tenant = await Tenant.Create(App);
        // A name passes validation: what it resolves to is checked when it is called.
        var url = new UriBuilder(publisher.Url) { Host = "publisher.test" }.Uri.ToString();

        var (push, _) = await OnePush.LaunchAsync(tenant, Webhook(url), status: "failed");

        Assert.Equal("refused: publisher.test resolves to a private address (loopback)", push["lastError"]!.GetValue<string>());
        Assert.Equal(1, push["attempts"]!.GetValue<int>());
        Assert.Contains("publisher.test", host.Resolver.Asked);
    }

    private static JsonObject Webhook(string url) => new() { ["type"] = "webhook", ["url"] = url, ["secret"] = Secret };
}

/// <summary>A SQLite host with private addresses refused and <c>publisher.test</c> resolving to 127.0.0.1.</summary>
public sealed class GuardedHostFixture : SqliteHostFixture
{
    public ScriptedResolver Resolver { get; } = new(new Dictionary<string, string[]> { ["publisher.test"] = ["127.0.0.1"] });

    protected override async Task<HostSettings?> CreateSettingsAsync() => (await base.CreateSettingsAsync())! with
    {
        AllowPrivateAddresses = false,
        Services = services => services.AddSingleton<IHostResolver>(Resolver),
    };
}
