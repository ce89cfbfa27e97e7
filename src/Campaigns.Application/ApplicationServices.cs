using Campaigns.Application.Common;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Application;

/// <summary>Registers the application layer's services and validators. The mediator itself is generated in the host.</summary>
public static class ApplicationServices
{
    /// <summary>Adds validators as singletons: Mediator's generated handlers are singletons and must not capture scoped services.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        JsonPropertyNames.Install();
        services.AddSingleton<Affinity.AccountRanker>();
        services.AddSingleton<Campaigns.CampaignPlanning>();
        services.AddSingleton<Grains.Abstractions.Campaigns.IAmplifyPlanner, Campaigns.AmplifyPlanner>();
        services.AddSingleton<Reports.EngagementStats>();
        services.AddSingleton<Accounts.AccountFiguresVersions>();
        // Storage advances an agency's figures version after each commit that changes an account page's figures.
        services.AddSingleton<Storage.Reports.IAccountFiguresChanged>(provider => provider.GetRequiredService<Accounts.AccountFiguresVersions>());
        services.AddSingleton<Accounts.AccountPageFigures>();
        services.AddSingleton<Reports.CampaignReports>();
        services.AddSingleton<Agencies.ApiKeyAuthenticator>();
        services.AddSingleton<Idempotency.IdempotentRequests>();
        services.AddSingleton<Idempotency.PendingIdempotencyWrites>();
        services.AddHostedService(provider => provider.GetRequiredService<Idempotency.PendingIdempotencyWrites>());
        services.AddOptions<Accounts.AccountPageOptions>()
            .BindConfiguration(Accounts.AccountPageOptions.Section)
            .Validate(o => o.Problem() is null, "Invalid Campaigns:AccountPage settings: FiguresMaxAgeMilliseconds must not be negative.")
            .ValidateOnStart();
        services.AddOptions<Schedules.ScheduleOptions>()
            .BindConfiguration(Schedules.ScheduleOptions.Section)
            .Validate(o => o.Problem() is null, "Invalid Campaigns:Schedules settings: MinSecondsBetweenFirings and MaxPushesPerFiring must be at least 1.")
            .ValidateOnStart();
        services.AddValidatorsFromAssemblyContaining<Agencies.CreateAgencyValidator>(ServiceLifetime.Singleton, includeInternalTypes: false);
        return services;
    }
}
