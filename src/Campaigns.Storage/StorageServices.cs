
using Campaigns.Storage.Accounts;
using Campaigns.Storage.Affinity;
using Campaigns.Storage.Agencies;
using Campaigns.Storage.Brands;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Feedback;
using Campaigns.Storage.Idempotency;
using Campaigns.Storage.Products;
using Campaigns.Storage.Pushes;
using Campaigns.Storage.Reports;
using Campaigns.Storage.Rules;
using Campaigns.Storage.Schedules;
using Campaigns.Storage.Videos;
using Microsoft.Extensions.DependencyInjection;
namespace Campaigns.Storage;

/// <summary>Registers the connection factory and every store, once, for the host and for test silos alike.</summary>
public static class StorageServices
{
    public static IServiceCollection AddStores(this IServiceCollection services, StorageSettings settings)
    {
        services.AddSingleton(settings);
        services.AddMetrics();
        services.AddSingleton<Telemetry.StorageMetrics>();
        services.AddSingleton<Telemetry.CredentialGauge>();
        services.AddSingleton(new DbConnectionFactory(settings));
        services.AddSingleton<AgencyStore>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<AccountStore>();
        services.AddSingleton<AccountStateStore>();
        services.AddSingleton<ConnectedAccounts>();
        services.AddSingleton<Connect.OAuthStateStore>();
        services.AddSingleton<FollowerStore>();
        services.AddSingleton<ProductStore>();
        services.AddSingleton<VideoStore>();
        services.AddSingleton<AffinityStore>();
        services.AddSingleton<CampaignStore>();
        services.AddSingleton<PushClaims>();
        services.AddSingleton<PushOutcomes>();
        services.AddSingleton<PushQueries>();
        services.AddSingleton<PlatformPushes>();
        services.AddSingleton<Polling.PlatformPollStore>();
        services.AddSingleton<OwnerPushes>();
        services.AddSingleton<WavePushes>();
        services.AddSingleton<RuleFiringStore>();
        services.AddSingleton<BrandFreezeStore>();
        services.AddSingleton<MetricsStore>();
        services.AddSingleton<RollupStore>();
        services.AddSingleton<PushOutcomeBatcher>();
        services.AddSingleton<ScheduleStore>();
        services.AddSingleton<Exchanges.ExchangeStore>();
        services.AddSingleton<Exchanges.LedgerStore>();
        return services;
    }
}
