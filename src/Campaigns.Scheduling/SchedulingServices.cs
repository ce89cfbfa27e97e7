using Campaigns.Grains.Abstractions.Exchanges;
using Campaigns.Scheduling.Accounts;
using Campaigns.Scheduling.Brands;
using Campaigns.Scheduling.Campaigns;
using Campaigns.Scheduling.Exchanges;
using Campaigns.Scheduling.Pushes;
using Campaigns.Scheduling.Rules;
using Campaigns.Scheduling.Schedules;
using Campaigns.Scheduling.Waves;
using Campaigns.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;

namespace Campaigns.Scheduling;

/// <summary>
/// Quartz with its persistent ADO.NET job store on the same database as everything else, so a scheduled push
/// survives restarts; clustered on PostgreSQL so that each trigger fires on exactly one silo.
/// </summary>
public static class SchedulingServices
{
    /// <summary>The scheduler's name; every silo of a cluster must use the same one.</summary>
    public const string SchedulerName = "campaigns";

    /// <summary>Worker threads per silo. Quartz requires the acquisition batch to be no larger.</summary>
    public const int MaxConcurrency = 16;

    /// <summary>How long an idle scheduler sleeps before looking for newly due triggers.</summary>
    public static readonly TimeSpan IdleWaitTime = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddScheduling(this IServiceCollection services, StorageSettings storage)
    {
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = SchedulerName;
                o.GenerateInstanceId = true;
                o.IdleWaitTime = IdleWaitTime;
            });
            q.UseDefaultThreadPool(pool => pool.MaxConcurrency = MaxConcurrency);
            q.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                if (storage.Provider == StorageProvider.Sqlite)
                {
                    store.UseSqlite(storage.EffectiveConnectionString);
                }
                else
                {
                    store.UsePostgres(storage.ConnectionString);
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(10);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(20);
                    });
                }
                store.ProvisionSchema();
            });
        });
        services.AddOptions<PushSchedulingOptions>().BindConfiguration(PushSchedulingOptions.Section)
            .Validate(o => o.Problem() is null, "Invalid Campaigns:Scheduling settings (see PushSchedulingOptions).")
            .ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton<Telemetry.PushMetrics>();
        services.AddSingleton<PushTriggers>();
        services.AddSingleton<DueDispatcher>();
        services.AddSingleton<PushPublisher>();
        services.AddSingleton<PushFiring>();
        services.AddSingleton<PushLeases>();
        services.AddSingleton<LeaseRecovery>();
        // With one silo (SQLite, localhost clustering) a holder that is not this incarnation is an earlier one: dead.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DeadHolders>(sp, storage.Provider == StorageProvider.Sqlite));
        services.AddTransient<DuePushesJob>();
        services.AddTransient<SweepPushesJob>();
        services.AddSingleton<ScheduleTriggers>();
        services.AddTransient<ScheduleFireJob>();
        services.AddSingleton<GateDeadlines>();
        services.AddTransient<GateDeadlineJob>();
        services.AddSingleton<RuleReviewTriggers>();
        services.AddTransient<RuleReviewJob>();
        services.AddSingleton<CompletionChecks>();
        services.AddTransient<CompletionCheckJob>();
        services.AddSingleton<BrandApplyTriggers>();
        services.AddTransient<BrandApplyJob>();
        services.AddRecurringJob<LedgerReconcileJob>(LedgerReconcileJob.Key,
            sp => TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<ExchangeOptions>>().Value.ReconcileSeconds));
        services.AddRecurringJob<CredentialRenewalJob>(CredentialRenewalJob.Key, sp => TimeSpan.FromSeconds(
            sp.GetRequiredService<IConfiguration>().GetValue(CredentialRenewalJob.IntervalSetting, CredentialRenewalJob.DefaultIntervalSeconds)));
        // Started after the silo (registered before this), stopped before it: firings in flight finish while grains
        // still answer, and the lease renewal outlives them.
        services.AddHostedService(sp => sp.GetRequiredService<PushLeases>());
        services.AddHostedService(sp => sp.GetRequiredService<PushFiring>());
        services.AddHostedService<SchedulerHostedService>();
        services.AddHostedService<LeaseRecoveryService>();
        services.AddSingleton<SchedulerHealthCheck>();
        return services;
    }
}
