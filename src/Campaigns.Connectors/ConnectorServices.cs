using Campaigns.Connectors.Platforms;
using Campaigns.Connectors.Webhook;
using Campaigns.Domain.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Campaigns.Connectors;

/// <summary>Registers the publishing connectors.</summary>
public static class ConnectorServices
{
    /// <summary>
    /// Adds the webhook connector, the <see cref="ConnectorRegistry"/> and the webhook HTTP client, configured from
    /// <c>Campaigns:Webhook</c> (checked at start) and <c>Campaigns:Outbound</c> (which addresses outbound calls may
    /// reach), and the real platforms' connectors from <c>Campaigns:Platforms</c>. The sandbox connector is registered
    /// by its own project (<c>AddSandbox</c> in src/Campaigns.Sandbox).
    /// </summary>
    public static IServiceCollection AddConnectors(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);

        // Read by every client made with AddOutboundSafety, and by the validators that refuse private URLs.
        services.AddOptions<OutboundOptions>().Bind(configuration.GetSection(OutboundOptions.Section));
        services.AddOptions<WebhookOptions>()
            .Bind(configuration.GetSection(WebhookOptions.Section))
            .Validate(o => o.Problem() is null, "Invalid Campaigns:Webhook settings: timeouts > 0, total ≥ attempt, MaxRetries 0..10.")
            .ValidateOnStart();

        services.TryAddSingleton<WebhookConnector>();
        services.AddSingleton<IPublishingConnector>(sp => sp.GetRequiredService<WebhookConnector>());
        services.TryAddSingleton<ConnectorRegistry>();
        WebhookHttp.Add(services);
        PlatformServices.Add(services, configuration);
        return services;
    }
}
