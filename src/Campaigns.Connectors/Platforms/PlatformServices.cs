using Campaigns.Connectors.Platforms.Douyin;
using Campaigns.Connectors.Platforms.Instagram;
using Campaigns.Connectors.Platforms.Kuaishou;
using Campaigns.Connectors.Platforms.TikTok;
using Campaigns.Connectors.Platforms.YouTube;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Campaigns.Connectors.Platforms;

/// <summary>Registers the real platforms' connectors, OAuth, settings and HTTP clients.</summary>
public static class PlatformServices
{
    /// <summary>
    /// Adds every platform bound from <c>Campaigns:Platforms:{Name}</c> (checked at start; missing client
    /// credentials are not an error, <see cref="PlatformRegistry.MissingSettingFor"/> reports them), the
    /// <see cref="PlatformRegistry"/> and the <see cref="PublishDriver"/>. Every HTTP client goes through the outbound
    /// guard (<c>Campaigns:Outbound</c>).
    /// </summary>
    public static IServiceCollection Add(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MediaSource>();
        services.TryAddSingleton(sp => new PublishDriver(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<PlatformRegistry>();
        services.AddOptions<OutboundOptions>().Bind(configuration.GetSection(OutboundOptions.Section));
        PlatformHttp.AddMedia(services);

        Platform<TikTokOptions, TikTokConnector, TikTokOAuth>(services, configuration, ConnectorType.Tiktok);
        Platform<YouTubeOptions, YouTubeConnector, YouTubeOAuth>(services, configuration, ConnectorType.Youtube);
        Platform<InstagramOptions, InstagramConnector, InstagramOAuth>(services, configuration, ConnectorType.Instagram);
        Platform<DouyinOptions, DouyinConnector, DouyinOAuth>(services, configuration, ConnectorType.Douyin);
        Platform<KuaishouOptions, KuaishouConnector, KuaishouOAuth>(services, configuration, ConnectorType.Kuaishou);
        return services;
    }

    private static void Platform<TOptions, TConnector, TOAuth>(
        IServiceCollection services, IConfiguration configuration, ConnectorType type)
        where TOptions : PlatformOptions, new()
        where TConnector : class, IPlatformConnector
        where TOAuth : class, IPlatformOAuth
    {
        var section = new TOptions().Section;
        services.AddOptions<TOptions>()
            .Bind(configuration.GetSection(section))
            .Validate(o => o.Problem() is null, $"Invalid {section} settings: see the platform's page in docs/platforms.")
            .ValidateOnStart();
        services.TryAddSingleton<TConnector>();
        services.TryAddSingleton<TOAuth>();
        services.AddSingleton<IPlatformConnector>(sp => sp.GetRequiredService<TConnector>());
        services.AddSingleton<IPlatformOAuth>(sp => sp.GetRequiredService<TOAuth>());
        services.AddSingleton(sp => new PlatformSettingsEntry(type, () => sp.GetRequiredService<IOptionsMonitor<TOptions>>().CurrentValue));
        PlatformHttp.AddPlatform<TOptions>(services, new TOptions().Name);
    }
}
