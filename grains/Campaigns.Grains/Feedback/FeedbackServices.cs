using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Grains.Feedback;

/// <summary>Registers engagement ingestion, the one path every snapshot takes.</summary>
public static class FeedbackServices
{
    public static IServiceCollection AddFeedback(this IServiceCollection services)
    {
        services.AddSingleton<FeedbackMetrics>();
        services.AddSingleton<MetricsIngest>();
        return services;
    }
}
