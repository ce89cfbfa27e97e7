using Campaigns.Host.Tests.Support;
using Campaigns.Testing;

namespace Campaigns.Host.Tests.Telemetry;

/// <summary>
/// Accounts by platform and credential status, read back from the Prometheus scrape of a host whose accounts were
/// created and connected through the API against the platform fakes.
/// </summary>
[Collection(nameof(ProcessWideTelemetry))]
public sealed class CredentialGaugeScrapeTests(CredentialGaugeScrapeTests.ScrapedPlatformHost host) : IClassFixture<CredentialGaugeScrapeTests.ScrapedPlatformHost>
{
    [Fact]
    public async Task The_scrape_counts_accounts_by_platform_and_credential_status()
    {
        // Fails without the CredentialGauge resolved in TelemetryServices.MapTelemetry: no instrument, no sample.
        var tenant = await Tenant.Create(host.App);
        var connected = await ConnectFlow.CreateAccount(tenant, host.Fakes, "tiktok");
        await ConnectFlow.CreateAccount(tenant, host.Fakes, "tiktok");
        await ConnectFlow.CreateAccount(tenant, host.Fakes, "youtube");
        host.Fakes.For("tiktok").Accounts.NextConsentingUser = "user-gauge";
        await ConnectFlow.Connect(host.App, tenant, connected);
        var admin = ApiClient.For(host.App, host.App.Settings.AdminKey);
        var tiktok = host.Fakes.PlatformOf("tiktok");
        var youtube = host.Fakes.PlatformOf("youtube");

        PrometheusScrape scrape = null!;
        // The gauge counts at most every 30 s, starting a count when observed: poll until a count after the connect.
        try
        {
            await Poll.Until(async () => (scrape = await PrometheusScrape.ReadAsync(admin))
                .Sum("campaigns_credentials", ("platform", tiktok), ("status", "connected")) == 1, TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            var seen = scrape.Samples.Where(s => s.Name.Contains("credential", StringComparison.Ordinal))
                .Select(s => $"{s.Name}{{{string.Join(',', s.Labels.Select(l => $"{l.Key}={l.Value}"))}}} {s.Value}");
            Assert.Fail($"no connected {tiktok} credential in the scrape; credential samples: [{string.Join("; ", seen)}]");
        }

        Assert.Equal(
            (1, 1, 1),
            (scrape.Sum("campaigns_credentials", ("platform", tiktok), ("status", "connected")),
             scrape.Sum("campaigns_credentials", ("platform", tiktok), ("status", "not-connected")),
             scrape.Sum("campaigns_credentials", ("platform", youtube), ("status", "not-connected"))));
    }

    /// <summary>The platform host with its Prometheus endpoint on.</summary>
    public sealed class ScrapedPlatformHost : SqlitePlatformHostFixture
    {
        protected override IReadOnlyDictionary<string, string> Extra { get; } = new Dictionary<string, string>
        {
            ["Campaigns:Telemetry:Prometheus"] = "true",
        };
    }
}
