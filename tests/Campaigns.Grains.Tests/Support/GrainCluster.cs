using Campaigns.Connectors;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Campaigns;
using Campaigns.Storage;
using Campaigns.Storage.Vault;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace Campaigns.Grains.Tests.Support;

/// <summary>
/// Starts a one-silo in-process cluster running the real grains on real ADO.NET grain storage, with the services
/// the grains take (read model, connections, clock, Quartz's persistent store) registered as the host registers them.
/// The Quartz scheduler stores triggers in the same file but never fires them (<see cref="StandbyScheduler"/>): tests
/// read the triggers a grain keeps, and call what a trigger's job would call.
/// </summary>
internal static class GrainCluster
{
    /// <summary>Orleans' own loops keep real time, so only the grains see the fake clock.</summary>
    private static readonly string[] RuntimeClockAreas =
    [
        TimeProviderNames.Messaging,
        TimeProviderNames.SystemTimers,
        TimeProviderNames.Membership,
        TimeProviderNames.ActivationManagement,
        TimeProviderNames.GrainDirectory,
    ];

    public static async Task<InProcessTestCluster> StartAsync(StorageSettings settings, TimeProvider clock, string serviceId)
    {
        var builder = new InProcessTestClusterBuilder(1);
        // State rows are keyed by ServiceId: a second cluster must reuse it to see the first one's state.
        builder.Options.ServiceId = serviceId;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddAdoNetGrainStorage(StorageNames.Campaigns, o =>
            {
                o.Invariant = settings.AdoInvariant;
                o.ConnectionString = settings.EffectiveConnectionString;
            });
            silo.Services.AddSingleton(clock);
            foreach (var area in RuntimeClockAreas)
            {
                silo.Services.AddKeyedSingleton(area, TimeProvider.System);
            }
            silo.Services.AddStores(settings);
            silo.Services.AddVault(new VaultOptions());
            global::Campaigns.Grains.Accounts.AccountGrainServices.AddAccountGrainServices(silo.Services);
            var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
            silo.Services.AddConnectors(configuration);
            global::Campaigns.Sandbox.SandboxServices.AddSandbox(silo.Services, configuration);
            StandbyScheduler.Add(silo.Services, settings);
            silo.Services.AddCampaignGrainServices();
            silo.Services.AddSingleton<global::Campaigns.Application.Campaigns.CampaignPlanning>();
            silo.Services.AddSingleton<IAmplifyPlanner, global::Campaigns.Application.Campaigns.AmplifyPlanner>();
        });

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
