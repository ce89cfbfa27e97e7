using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Grains.Accounts;

/// <summary>Registers what the account grain takes: its record (over the stores and the vault), its credential keepers, publishing with its limits, and polling.</summary>
public static class AccountGrainServices
{
    public static IServiceCollection AddAccountGrainServices(this IServiceCollection services)
    {
        services.AddSingleton<AccountRecords>();
        services.AddSingleton<CredentialKeepers>();
        services.AddSingleton<PlatformRateLimits>();
        services.AddSingleton<PublishLimits>();
        services.AddSingleton<PlatformPublisher>();
        services.AddSingleton<AccountPublisher>();
        services.AddSingleton<AccountPoller>();
        return services;
    }
}
