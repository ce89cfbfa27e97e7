using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Grains.Accounts;

/// <summary>Registers what the account grain takes besides stores, the vault and connectors: publishing, its limits and polling.</summary>
public static class AccountGrainServices
{
    public static IServiceCollection AddAccountGrainServices(this IServiceCollection services)
    {
        services.AddSingleton<PlatformRateLimits>();
        services.AddSingleton<PublishLimits>();
        services.AddSingleton<PlatformPublisher>();
        services.AddSingleton<AccountPublisher>();
        services.AddSingleton<AccountPoller>();
        return services;
    }
}
