using Campaigns.Connectors.Sandbox;
using Campaigns.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Campaigns.Grains.Feedback;

/// <summary>Registers engagement ingestion and the sandbox feed's recurring job.</summary>
public static class FeedbackServices
{
    public static IServiceCollection AddFeedback(this IServiceCollection services)
    {
        services.AddSingleton<FeedbackMetrics>();
        services.AddSingleton<MetricsIngest>();
        services.AddSingleton<SandboxFeed>();
        services.AddRecurringJob<SandboxFeedJob>(SandboxFeedJob.Key,
            sp => TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<SandboxOptions>>().Value.FeedSeconds));
        return services;
    }
}
