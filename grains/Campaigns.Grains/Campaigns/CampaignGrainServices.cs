using Campaigns.Grains.Exchanges;
using Campaigns.Grains.Rules;
using Campaigns.Grains.Schedules;
using Campaigns.Grains.Waves;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Grains.Campaigns;

/// <summary>Registers what the campaign, waves, rules, schedule and exchange ledger grains take besides stores and schedulers.</summary>
public static class CampaignGrainServices
{
    public static IServiceCollection AddCampaignGrainServices(this IServiceCollection services)
    {
        services.AddSingleton<CampaignJournal>();
        services.AddSingleton<CampaignPushes>();
        services.AddSingleton<WaveActions>();
        services.AddSingleton<RuleActions>();
        services.AddSingleton<ScheduleFiring>();
        services.AddSingleton<ExchangeReservations>();
        services.AddSingleton<LedgerSettlement>();
        return services;
    }
}
