using System.Net;
using Campaigns.Host.Tests.Support;
using Campaigns.Testing;

namespace Campaigns.Host.Tests;

/// <summary>A connect link used after its lifetime, on a host whose links live one second.</summary>
public sealed class ConnectExpiryTests(ConnectExpiryTests.Host host) : IClassFixture<ConnectExpiryTests.Host>
{
    public sealed class Host : SqlitePlatformHostFixture
    {
        protected override IReadOnlyDictionary<string, string> Extra { get; } =
            new Dictionary<string, string> { ["Campaigns:Connect:StateLifetime"] = "00:00:01" };
    }

    [Fact]
    public async Task A_state_used_after_it_expired_is_refused_and_stores_nothing()
    {
        // Guarded by "expires_at > @nowMs" in OAuthStateStore.BurnAsync: without it the late callback connects.
        var tenant = await Tenant.Create(host.App);
        var id = await ConnectFlow.CreateAccount(tenant, host.Fakes, "tiktok");
        var (authorize, expiresAt) = await ConnectFlow.Start(tenant, id);
        Assert.True(expiresAt <= DateTimeOffset.UtcNow.AddSeconds(1));
        var redirect = await ConnectFlow.Consent(authorize);
        await Poll.Until(() => Task.FromResult(DateTimeOffset.UtcNow > expiresAt.AddMilliseconds(50)), TimeSpan.FromSeconds(10));

        var late = await ConnectFlow.Callback(host.App, redirect);

        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.NotNull((await ApiClient.Json(late))["errors"]!["state"]);
        Assert.Equal("not-connected", (await ConnectFlow.Credential(tenant, id))!["status"]!.GetValue<string>());
    }
}
