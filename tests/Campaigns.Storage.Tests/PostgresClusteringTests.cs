using System.Net;
using System.Net.Sockets;
using Campaigns.Testing;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Campaigns.Storage.Tests;

/// <summary>
/// Clustering on PostgreSQL. These run a plain generic-host silo rather than TestingHost:
/// the in-process test cluster always substitutes its own in-memory membership table, which would hide
/// the ADO.NET clustering queries under test.
/// </summary>
public sealed class PostgresClusteringTests : IAsyncLifetime
{
    private const int Active = 3;
    private const int Dead = 6;

    private readonly PostgresDatabase _database = new();
    private readonly string _clusterId = "cluster-" + Guid.NewGuid().ToString("N");

    private StorageSettings Settings => new(StorageProvider.PostgreSql, _database.ConnectionString);

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        if (!PostgresTestEnvironment.ShouldSkip)
        {
            DatabaseMigrator.Migrate(Settings);
        }
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    [PostgresFact]
    public async Task Silo_joins_through_the_membership_table_and_leaves_as_dead()
    {
        using var host = await StartSiloAsync();
        Assert.Equal(1L, await CountMembersAsync(Active));
        Assert.Equal(1L, await Db.ScalarLongAsync(Settings,
            $"SELECT COUNT(*) FROM OrleansMembershipVersionTable WHERE DeploymentId = '{_clusterId}' AND Version > 0"));

        await host.StopAsync();

        Assert.Equal(0L, await CountMembersAsync(Active));
        Assert.Equal(1L, await CountMembersAsync(Dead));
    }

    private Task<long> CountMembersAsync(int status) => Db.ScalarLongAsync(Settings,
        $"SELECT COUNT(*) FROM OrleansMembershipTable WHERE DeploymentId = '{_clusterId}' AND Status = {status}");

    private async Task<IHost> StartSiloAsync()
    {
        var settings = Settings;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = _clusterId;
                o.ServiceId = "storage-tests";
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, FreePort(), FreePort());
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = settings.AdoInvariant;
                o.ConnectionString = settings.EffectiveConnectionString;
            });
        });

        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
