using Campaigns.Application;
using Campaigns.Application.Common;
using Campaigns.Connectors;
using Campaigns.Gateway;
using Campaigns.Grains.Accounts;
using Campaigns.Grains.Campaigns;
using Campaigns.Grains.Feedback;
using Campaigns.Host.Configuration;
using Campaigns.Host.Dashboard;
using Campaigns.Host.Health;
using Campaigns.Host.Telemetry;
using Campaigns.Sandbox;
using Campaigns.Scheduling;
using Campaigns.Storage;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Idempotency;
using Campaigns.Storage.Vault;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Campaigns.Host;

/// <summary>Everything the one executable runs: storage, silo, scheduler, gateway, dashboard, health.</summary>
public static class HostingExtensions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    public static WebApplicationBuilder AddCampaigns(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(CampaignsOptions.Section).Get<CampaignsOptions>() ?? new CampaignsOptions();
        var storage = StorageConfiguration.Resolve(options, builder.Configuration);
        var services = builder.Services;

        // The documented default address, unless --urls, ASPNETCORE_URLS or a Urls setting chose another.
        var httpUrls = builder.Configuration[WebHostDefaults.ServerUrlsKey];
        builder.WebHost.UseUrls(DashboardHosting.WithDashboardUrl(string.IsNullOrEmpty(httpUrls) ? DefaultUrl : httpUrls, options.Dashboard));
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = GatewayServices.MaxRequestBodyBytes);
        var shutdownTimeout = ShutdownTimeout(options);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownTimeout);
        services.AddSingleton(options);

        builder.AddTelemetry();
        services.AddSingleton(TimeProvider.System);
        services.AddStores(storage);
        // Hosted services start in registration order: the schema first (before Data Protection's own hosted service
        // reads the key ring from vault_keys), then the silo, then the scheduler.
        services.AddHostedService<DatabaseMigrationService>();
        services.AddVault(builder.Configuration.GetSection(VaultOptions.Section).Get<VaultOptions>() ?? new VaultOptions());
        services.AddAccountGrainServices();
        services.AddConnectors(builder.Configuration);
        services.AddSandbox(builder.Configuration);

        builder.UseOrleans(silo => SiloConfiguration.Configure(silo, storage, options));
        services.AddScheduling(storage);
        services.AddFeedback();
        services.AddSandboxFeed();
        services.AddCampaignGrainServices();

        services.AddOptions<Campaigns.Grains.Abstractions.Exchanges.ExchangeOptions>()
            .BindConfiguration(Campaigns.Grains.Abstractions.Exchanges.ExchangeOptions.Section)
            .Validate(o => o.Problem() is null, "Invalid Campaigns:Exchanges settings: CreditLimit ≥ 1, MinSimilarity and MinReachRatio 0..1, ReconcileSeconds ≥ 1.")
            .ValidateOnStart();
        services.AddApplication();
        services.AddOptions<Campaigns.Application.Accounts.Connect.ConnectOptions>()
            .BindConfiguration(Campaigns.Application.Accounts.Connect.ConnectOptions.Section)
            .Configure(o => o.PublicBaseUrl = options.NormalizedPublicBaseUrl())
            .Validate(o => o.Problem() is null, "Invalid Campaigns:Connect settings: StateLifetime between 00:00:01 and 01:00:00.")
            .ValidateOnStart();
        services.AddMediator((Mediator.MediatorOptions m) =>
        {
            m.ServiceLifetime = ServiceLifetime.Singleton;
            m.PipelineBehaviors = [typeof(ValidationBehavior<,>)];
        });
        services.AddGateway(AdminKeyBootstrap.Resolve(options), options.NormalizedPublicBaseUrl());

        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: ["ready"])
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: ["ready"]);
        return builder;
    }

    public static WebApplication UseCampaigns(this WebApplication app)
    {
        var dashboard = app.Services.GetRequiredService<CampaignsOptions>().Dashboard;
        app.UseDashboardPort(dashboard);
        app.UseGateway();
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapGateway();
        app.MapTelemetry();
        app.MapDashboard(dashboard);
        return app;
    }

    private static TimeSpan ShutdownTimeout(CampaignsOptions options) => options.ShutdownSeconds >= 1
        ? TimeSpan.FromSeconds(options.ShutdownSeconds)
        : throw new InvalidOperationException($"Campaigns:ShutdownSeconds must be at least 1 (got {options.ShutdownSeconds}).");
}
