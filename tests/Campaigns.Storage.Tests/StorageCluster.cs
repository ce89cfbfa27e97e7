using Campaigns.Storage.Tests.Grains;
using Orleans.TestingHost;

namespace Campaigns.Storage.Tests;

/// <summary>Starts a one-silo in-process test cluster whose grain storage is the given database.</summary>
internal static class StorageCluster
{
    public static async Task<InProcessTestCluster> StartAsync(StorageSettings settings, string serviceId)
    {
        var builder = new InProcessTestClusterBuilder(1);
        // State rows are keyed by ServiceId: a second cluster must reuse it to see the first one's state.
        builder.Options.ServiceId = serviceId;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddAdoNetGrainStorage(GrainStorageNames.Store, o =>
            {
                o.Invariant = settings.AdoInvariant;
                o.ConnectionString = settings.EffectiveConnectionString;
            });
            silo.AddAdoNetGrainStorage(GrainStorageNames.DeletingStore, o =>
            {
                o.Invariant = settings.AdoInvariant;
                o.ConnectionString = settings.EffectiveConnectionString;
                o.DeleteStateOnClear = true;
            });
        });

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
