using Campaigns.Connectors.Platforms;
using Campaigns.Grains.Abstractions.Feedback;
using Campaigns.Scheduling;
using Campaigns.Scheduling.Feedback;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Grains.Feedback;

/// <summary>Registers engagement ingestion, the one path every snapshot takes, and the platform poller with its recurring job (in Scheduling).</summary>
public static class FeedbackServices
{
    public static IServiceCollection AddFeedback(this IServiceCollection services)
    {
        services.AddSingleton<FeedbackMetrics>();
        services.AddSingleton<MetricsIngest>();
        services.AddSingleton<IMetricsRecorder>(sp => sp.GetRequiredService<MetricsIngest>());
        services.AddSingleton<PlatformPoll>();
        services.AddSingleton<IPlatformPoll>(sp => sp.GetRequiredService<PlatformPoll>());
        services.AddRecurringJob<PlatformPollJob>(PlatformPollJob.Key, sp => PlatformPoll.RoundPeriod(sp.GetRequiredService<PlatformRegistry>()));
        return services;
    }
}
