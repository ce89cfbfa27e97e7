using System.Net;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Common;
using Campaigns.Host.Cluster;
using Campaigns.Host.Configuration;
using Campaigns.Storage;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Serialization;

namespace Campaigns.Host;

/// <summary>
/// The Orleans silo: localhost clustering on the embedded SQLite default; ADO.NET clustering on PostgreSQL so several
/// silos form one cluster. Grain state goes through the ADO.NET provider on both. No Orleans reminders: SQLite has no
/// reminder provider, so durable timers are Quartz triggers on both databases (docs/architecture.md). No silo opens a client gateway: the gateway API in the same process is the only caller of grains, so an open
/// gateway port would only let others call grains around keys and tenancy.
/// </summary>
public static class SiloConfiguration
{
    private const int NoGateway = 0;

    public static void Configure(ISiloBuilder silo, StorageSettings storage, CampaignsOptions options)
    {
        var cluster = options.Cluster;
        if (storage.Provider == StorageProvider.Sqlite)
        {
            if (cluster.Kubernetes)
            {
                throw new InvalidOperationException("Campaigns:Cluster:Kubernetes needs Campaigns:Storage:Provider=PostgreSql.");
            }
            silo.UseLocalhostClustering(cluster.SiloPort, NoGateway, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
        }
        else
        {
            ConfigureCluster(silo, storage, cluster, AdvertisedAddress.Choose(cluster.AdvertisedIP, LocalNetworkInterfaces.Read()));
        }

        // Stored state and messages name their types; types that moved namespace are still found by their old names.
        silo.Services.AddSingleton<ITypeConverter, StoredTypeNames>();
        silo.AddAdoNetGrainStorage(StorageNames.Campaigns, o =>
        {
            o.Invariant = storage.AdoInvariant;
            o.ConnectionString = storage.EffectiveConnectionString;
        });
        MembershipTiming.Apply(silo, cluster, clustered: storage.Provider != StorageProvider.Sqlite);
        // Grain calls join the caller's trace (Microsoft.Orleans.Runtime/.Application activity sources), recorded or not.
        silo.AddOutgoingGrainCallFilter<Telemetry.TraceParentCarry>();
        silo.AddActivityPropagation();
        if (options.Dashboard.Enabled)
        {
            silo.AddDashboard();
        }
    }

    private static void ConfigureCluster(ISiloBuilder silo, StorageSettings storage, CampaignsOptions.ClusterOptionsSection cluster, AdvertisedAddressChoice address)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
        silo.Configure<EndpointOptions>(o =>
        {
            o.AdvertisedIPAddress = address.Address;
            o.SiloPort = cluster.SiloPort;
            o.GatewayPort = NoGateway;
            // Set rather than left to default: Kubernetes hosting would fill an unset one with 0.0.0.0.
            o.SiloListeningEndpoint = new IPEndPoint(address.Address, cluster.SiloPort);
        });
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp =>
            new AdvertisedAddressReport(address, sp.GetRequiredService<ILogger<AdvertisedAddressReport>>()));
        if (cluster.Kubernetes)
        {
            silo.UseKubernetesHosting();
        }
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = storage.AdoInvariant;
            o.ConnectionString = storage.EffectiveConnectionString;
        });
    }
}
