using Campaigns.Host.Tests.Support;
using Campaigns.PlatformFakes.TikTok;
using Campaigns.Testing;

namespace Campaigns.Host.Tests.Publishing;

/// <summary>
/// The durable credential sweep (CredentialRenewalJob, every 2 s in this host) renews an idle account's tokens
/// before they lapse, with no publish to trigger it.
/// </summary>
[Collection(PublishHostFixture.Collection)]
public sealed class CredentialRenewalTests(PublishHostFixture host)
{
    [Fact]
    public async Task An_idle_accounts_refresh_token_is_renewed_before_it_lapses_without_any_publish()
    {
        // Guarded by CredentialRenewalJob.KeepAliveAsync's "grains.GetGrain<IAccountGrain>(...).KeepCredentialAlive()":
        // without it nothing renews an account that does not publish, and its refresh token lapses.
        var fake = (TikTokFake)host.Fakes.For("tiktok");
        PublishFlow flow;
        // A refresh token of 3 days is inside TikTok's RenewIdleWithin (7 days): the sweep must renew it.
        fake.Accounts.RefreshLifetime = TimeSpan.FromDays(3);
        try
        {
            flow = await PublishFlow.Account(host, "tiktok");
        }
        finally
        {
            fake.Accounts.RefreshLifetime = TimeSpan.FromDays(180);
        }
        var connected = (await Credential(flow))["refreshedAt"]!.GetValue<DateTimeOffset>();

        await Poll.Until(async () => (await Credential(flow))["refreshedAt"]!.GetValue<DateTimeOffset>() > connected, TimeSpan.FromSeconds(60));

        var credential = await Credential(flow);
        Assert.Equal("connected", credential["status"]!.GetValue<string>());
        Assert.Equal(0, flow.Creates);
        Assert.Empty(flow.Posts);
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> Credential(PublishFlow flow) =>
        (await ApiClient.Json(await flow.Tenant.Client.Get($"/v1/accounts/{flow.AccountId}")))["credential"]!;
}
