using System.Net;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Host.Configuration;
using Campaigns.Storage;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Campaigns.Host;

/// <summary>
/// The Orleans silo: localhost clustering on the embedded SQLite default; ADO.NET clustering on PostgreSQL so several
/// silos form one cluster. Grain state goes through the ADO.NET provider on both. No Orleans reminders: SQLite has no
/// reminder provider, so durable timers are Quartz triggers on both databases (docs/architecture.md).
/// </summary>
public static class SiloConfiguration
{
    public static void Configure(ISiloBuilder silo, StorageSettings storage, CampaignsOptions.ClusterOptionsSection cluster)
    {
        if (storage.Provider == StorageProvider.Sqlite)
        {
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
        }
        else
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });
            var advertised = IPAddress.Parse(cluster.AdvertisedIP ?? IPAddress.Loopback.ToString());
            silo.ConfigureEndpoints(advertised, cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = storage.AdoInvariant;
                o.ConnectionString = storage.EffectiveConnectionString;
            });
        }

        silo.AddAdoNetGrainStorage(StorageNames.Campaigns, o =>
        {
            o.Invariant = storage.AdoInvariant;
            o.ConnectionString = storage.EffectiveConnectionString;
        });
        silo.AddDashboard();
    }
}
