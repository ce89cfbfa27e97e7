using Campaigns.Connectors.Platforms;
using Campaigns.Connectors.Sandbox;
using Campaigns.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Campaigns.Grains.Feedback;

/// <summary>Registers engagement ingestion and the recurring jobs of the sandbox feed and the platform poller.</summary>
public static class FeedbackServices
{
    public static IServiceCollection AddFeedback(this IServiceCollection services)
    {
        services.AddSingleton<FeedbackMetrics>();
        services.AddSingleton<MetricsIngest>();
        services.AddSingleton<SandboxFeed>();
        services.AddRecurringJob<SandboxFeedJob>(SandboxFeedJob.Key,
            sp => TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<SandboxOptions>>().Value.FeedSeconds));
        services.AddSingleton<PlatformPoll>();
        services.AddRecurringJob<PlatformPollJob>(PlatformPollJob.Key, sp => PlatformPoll.RoundPeriod(sp.GetRequiredService<PlatformRegistry>()));
        return services;
    }
}
