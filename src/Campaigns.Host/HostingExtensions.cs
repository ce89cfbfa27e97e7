using Campaigns.Application;
using Campaigns.Application.Common;
using Campaigns.Gateway;
using Campaigns.Gateway.Auth;
using Campaigns.Host.Configuration;
using Campaigns.Host.Health;
using Campaigns.Scheduling;
using Campaigns.Storage;
using Campaigns.Connectors;
using Campaigns.Grains.Accounts;
using Campaigns.Grains.Campaigns;
using Campaigns.Grains.Feedback;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Idempotency;
using Campaigns.Storage.ReadModel;
using Campaigns.Storage.Tenancy;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Orleans.Dashboard;

namespace Campaigns.Host;

/// <summary>Everything the one executable runs: storage, silo, scheduler, gateway, dashboard, health.</summary>
public static class HostingExtensions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplicationBuilder AddCampaigns(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(CampaignsOptions.Section).Get<CampaignsOptions>() ?? new CampaignsOptions();
        var storage = StorageConfiguration.Resolve(options, builder.Configuration);
        var services = builder.Services;

        // The documented default address, unless --urls, ASPNETCORE_URLS or a Urls setting chose another.
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = GatewayServices.MaxRequestBodyBytes);

        services.AddSingleton(TimeProvider.System);
        services.AddStores(storage);
        services.AddSingleton<PlatformRateLimits>();
        services.AddConnectors(builder.Configuration);

        // Hosted services start in registration order: the schema first, then the silo, then the scheduler.
        services.AddHostedService<DatabaseMigrationService>();
        builder.UseOrleans(silo => SiloConfiguration.Configure(silo, storage, options.Cluster));
        services.AddScheduling(storage);
        services.AddFeedback();
        services.AddCampaignGrainServices();

        services.AddOptions<Campaigns.Grains.Abstractions.Exchanges.ExchangeOptions>()
            .BindConfiguration(Campaigns.Grains.Abstractions.Exchanges.ExchangeOptions.Section)
            .Validate(o => o.Problem() is null, "Invalid Campaigns:Exchanges settings: CreditLimit ≥ 1, MinSimilarity and MinReachRatio 0..1, ReconcileSeconds ≥ 1.")
            .ValidateOnStart();
        services.AddApplication();
        services.AddMediator((Mediator.MediatorOptions m) =>
        {
            m.ServiceLifetime = ServiceLifetime.Singleton;
            m.PipelineBehaviors = [typeof(ValidationBehavior<,>)];
        });
        services.AddGateway(AdminKeyBootstrap.Resolve(options));

        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: ["ready"])
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: ["ready"]);
        return builder;
    }

    public static WebApplication UseCampaigns(this WebApplication app)
    {
        app.UseGateway();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapGateway();

        var dashboard = app.MapOrleansDashboard(routePrefix: "/dashboard");
        dashboard.ExcludeFromDescription();
        if (!app.Environment.IsDevelopment())
        {
            dashboard.RequireAuthorization(AuthNames.AdminPolicy);
        }
        return app;
    }
}
