using Campaigns.Connectors.Platforms;
using Campaigns.Domain.Accounts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Campaigns.Connectors.Tests.Platforms;

public sealed class PlatformSettingsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        PlatformServices.Add(services, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }

    [Theory]
    [InlineData(ConnectorType.Tiktok, "TikTok", "https://open.tiktokapis.com/", "https://www.tiktok.com/")]
    [InlineData(ConnectorType.Youtube, "YouTube", "https://www.googleapis.com/", "https://accounts.google.com/")]
    [InlineData(ConnectorType.Instagram, "Instagram", "https://graph.instagram.com/", "https://api.instagram.com/")]
    [InlineData(ConnectorType.Douyin, "Douyin", "https://open.douyin.com/", "https://open.douyin.com/")]
    [InlineData(ConnectorType.Kuaishou, "Kuaishou", "https://open.kuaishou.com/", "https://open.kuaishou.com/")]
    public void Each_platform_defaults_to_its_real_hosts_and_names_the_setting_it_still_needs(ConnectorType type, string name, string api, string auth)
    {
        using var services = Build([]);
        var registry = services.GetRequiredService<PlatformRegistry>();

        var settings = registry.Settings(type);

        Assert.Equal((api, auth, 900), (settings.ApiBaseUrl.AbsoluteUri, settings.AuthBaseUrl.AbsoluteUri, settings.MetricsPollSeconds));
        Assert.Equal($"Campaigns:Platforms:{name}:ClientKey", registry.MissingSettingFor(type));
        Assert.Equal(type, registry.Connector(type).Type);
        Assert.Equal(type, registry.OAuth(type).Type);
        Assert.Equal(ConnectorPairing.PlatformFor(type), registry.Connector(type).Platform);
    }

    [Fact]
    public void A_client_key_without_its_secret_names_the_secret_and_both_make_the_platform_ready()
    {
        using var keyOnly = Build(new() { ["Campaigns:Platforms:Douyin:ClientKey"] = "awx1" });
        using var both = Build(new() { ["Campaigns:Platforms:Douyin:ClientKey"] = "awx1", ["Campaigns:Platforms:Douyin:ClientSecret"] = "s" });

        Assert.Equal("Campaigns:Platforms:Douyin:ClientSecret", keyOnly.GetRequiredService<PlatformRegistry>().MissingSettingFor(ConnectorType.Douyin));
        Assert.Null(both.GetRequiredService<PlatformRegistry>().MissingSettingFor(ConnectorType.Douyin));
    }

    [Fact]
    public void The_sandbox_and_the_webhook_need_no_platform_settings()
    {
        using var services = Build([]);
        var registry = services.GetRequiredService<PlatformRegistry>();

        Assert.Null(registry.MissingSettingFor(ConnectorType.Sandbox));
        Assert.False(registry.TryGet(ConnectorType.Webhook, out _));
        Assert.Equal(5, registry.Types.Count);
    }

    [Theory]
    [InlineData("TikTok", "ChunkBytes", "1000")]
    [InlineData("YouTube", "ChunkBytes", "1000000")]
    [InlineData("YouTube", "PrivacyStatus", "friends")]
    [InlineData("Instagram", "GraphVersion", "24")]
    [InlineData("Douyin", "PartBytes", "1024")]
    [InlineData("Kuaishou", "UploadScheme", "ftp")]
    [InlineData("TikTok", "MetricsPollSeconds", "0")]
    [InlineData("Kuaishou", "ApiBaseUrl", "/relative")]
    public void Invalid_settings_are_refused_naming_the_setting(string platform, string key, string value)
    {
        using var services = Build(new() { [$"Campaigns:Platforms:{platform}:{key}"] = value });
        var registry = services.GetRequiredService<PlatformRegistry>();
        var type = WireType(platform);

        var error = Assert.Throws<OptionsValidationException>(() => registry.Settings(type));

        Assert.Contains($"Campaigns:Platforms:{platform}", error.Message);
    }

    private static ConnectorType WireType(string platform) => platform switch
    {
        "TikTok" => ConnectorType.Tiktok,
        "YouTube" => ConnectorType.Youtube,
        "Instagram" => ConnectorType.Instagram,
        "Douyin" => ConnectorType.Douyin,
        _ => ConnectorType.Kuaishou,
    };

    [Fact]
    public void A_PKCE_challenge_is_the_RFC_7636_S256_of_its_verifier()
    {
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Pkce.ChallengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
        Assert.NotEqual(Pkce.Create().Verifier, Pkce.Create().Verifier);
    }
}
