using Campaigns.Connectors;
using Campaigns.Scheduling;
using Campaigns.Storage.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Campaigns.Sandbox;

/// <summary>Registers the sandbox: its platform, its connector, and the feed that plays the platform's callbacks.</summary>
public static class SandboxServices
{
    /// <summary>
    /// Adds the <see cref="SandboxConnector"/> (as an <see cref="IPublishingConnector"/>), the
    /// <see cref="SandboxPlatform"/> over its table, and the <see cref="SandboxFeed"/> with its recurring job, configured
    /// from <c>Campaigns:Sandbox</c> (checked at start).
    /// </summary>
    public static IServiceCollection AddSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SandboxOptions>()
            .Bind(configuration.GetSection(SandboxOptions.Section))
            .Validate(o => o.Problem() is null, "Invalid Campaigns:Sandbox settings: FailureRate 0..1, TimeScale > 0, Latency 0..1 min, FeedSeconds >= 0, FeedYieldSeconds >= 0, FeedHorizonDays > 0.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SandboxStore>();
        services.TryAddSingleton<SandboxPlatform>();
        services.TryAddSingleton<SandboxConnector>();
        services.AddSingleton<IPublishingConnector>(sp => sp.GetRequiredService<SandboxConnector>());
        return services;
    }

    /// <summary>Adds the sandbox feed and its recurring job (on a silo: the feed records through the grains).</summary>
    public static IServiceCollection AddSandboxFeed(this IServiceCollection services)
    {
        services.AddSingleton<SandboxFeed>();
        services.AddRecurringJob<SandboxFeedJob>(SandboxFeedJob.Key,
            sp => TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<SandboxOptions>>().Value.FeedSeconds));
        return services;
    }
}
