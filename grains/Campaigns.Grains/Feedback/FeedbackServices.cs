using Campaigns.Connectors.Platforms;
using Campaigns.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Grains.Feedback;

/// <summary>Registers engagement ingestion, the one path every snapshot takes, and the platform poller's recurring job.</summary>
public static class FeedbackServices
{
    public static IServiceCollection AddFeedback(this IServiceCollection services)
    {
        services.AddSingleton<FeedbackMetrics>();
        services.AddSingleton<MetricsIngest>();
        services.AddSingleton<PlatformPoll>();
        services.AddRecurringJob<PlatformPollJob>(PlatformPollJob.Key, sp => PlatformPoll.RoundPeriod(sp.GetRequiredService<PlatformRegistry>()));
        return services;
    }
}
