using System.Net;
using System.Text.RegularExpressions;
using Campaigns.Host.Tests.Support;

namespace Campaigns.Host.Tests;

/// <summary>The browsable reference at /docs works on a machine with no internet: everything it loads comes from the host.</summary>
public sealed partial class ApiReferencePageTests(SqliteHostFixture host) : IClassFixture<SqliteHostFixture>
{
    [Fact]
    public async Task The_docs_page_references_no_external_host_and_its_scripts_are_served_by_the_host()
    {
        var browser = host.App.CreateClient(new() { AllowAutoRedirect = true });
        var page = await browser.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Empty(AbsoluteUrl().Matches(html).Select(m => m.Value));
        var assets = Reference().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        Assert.NotEmpty(assets);
        foreach (var asset in assets)
        {
            var response = await browser.GetAsync(new Uri(page.RequestMessage!.RequestUri!, asset));
            Assert.True(response.IsSuccessStatusCode, $"{asset} answered {(int)response.StatusCode}.");
        }

        // The bundled script fetches fonts from its CDN, reports telemetry and offers a hosted AI agent unless told not
        // to; the page's configuration must turn each off. Guarded by DisableDefaultFonts(), DisableTelemetry() and
        // DisableAgent() in OpenApiSetup.MapApiDocument.
        Assert.Contains("\"withDefaultFonts\":false", html);
        Assert.Contains("\"telemetry\":false", html);
        Assert.Contains("\"agent\":{\"disabled\":true}", html);
    }

    [GeneratedRegex("(?:https?:)?//[a-z0-9.-]+", RegexOptions.IgnoreCase)]
    private static partial Regex AbsoluteUrl();

    [GeneratedRegex("(?:src|href)=\"(?<url>[^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex Reference();
}
