using System.Net;
using System.Net.Sockets;
using Campaigns.Host.Configuration;
using Campaigns.Host.Tests.Support;
using Campaigns.Storage;
using Campaigns.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Campaigns.Host.Tests;

/// <summary>
/// What a silo opens to the network: the silo port on its advertised address only, no Orleans gateway, and the
/// dashboard where the operator put it.
/// </summary>
public sealed class NetworkExposureTests
{
    [Fact]
    public async Task The_embedded_silo_opens_no_gateway()
    {
        using var database = new TempSqliteDatabase();
        await using var app = new CampaignsApp(HostSettings.Sqlite(database.Directory));
        _ = app.Server;

        // Fails without NoGateway in SiloConfiguration's UseLocalhostClustering call (Orleans' default is port 30000).
        Assert.Null(app.Services.GetRequiredService<ILocalSiloDetails>().GatewayAddress);
    }

    [PostgresFact]
    public async Task A_clustered_silo_listens_on_its_advertised_address_only_and_advertises_no_gateway()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var settings = HostSettings.Postgres(database.ConnectionString);
        await using var app = new CampaignsApp(settings);
        _ = app.Server;
        var silo = app.Services.GetRequiredService<ILocalSiloDetails>();
        var port = silo.SiloAddress.Endpoint.Port;

        Assert.True(await Accepts(IPAddress.Loopback, port), "the silo port should accept on the advertised 127.0.0.1");
        // 127.0.0.2 is this machine too: a silo listening on every address (listenOnAnyHostAddress) would accept here.
        Assert.False(await Accepts(IPAddress.Parse("127.0.0.2"), port), "the silo port must not listen beyond its advertised address");

        // Fails without `o.GatewayPort = NoGateway` in SiloConfiguration.ConfigureCluster: the row would carry 30000.
        Assert.Null(silo.GatewayAddress);
        Assert.Equal(0L, await ProxyPortInMembershipTable(database.ConnectionString, settings.ClusterId, port));
    }

    [Fact]
    public void Under_Kubernetes_hosting_the_silo_still_listens_on_its_advertised_address_only()
    {
        var options = new CampaignsOptions();
        options.Storage.Provider = StorageProvider.PostgreSql;
        options.Cluster.Kubernetes = true;
        options.Cluster.AdvertisedIP = "10.1.2.3";
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => SiloConfiguration.Configure(silo, new StorageSettings(StorageProvider.PostgreSql, "Host=127.0.0.1;Database=unused"), options));
        using var host = builder.Build(); // never started: only the options that Orleans and its Kubernetes hosting settle on

        var endpoints = host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;

        // Kubernetes hosting fills an unset listening endpoint with 0.0.0.0; fails without
        // `o.SiloListeningEndpoint = new IPEndPoint(address.Address, cluster.SiloPort)` in SiloConfiguration.
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.1.2.3"), options.Cluster.SiloPort), endpoints.SiloListeningEndpoint);
        Assert.Null(endpoints.GatewayListeningEndpoint);
        Assert.Equal(0, endpoints.GatewayPort);
    }

    [Fact]
    public async Task A_dashboard_on_its_own_port_answers_there_only_and_the_API_does_not()
    {
        using var database = new TempSqliteDatabase();
        var adminKey = "adm_test_" + Guid.NewGuid().ToString("N");
        var dashboardPort = FreePorts.Next();
        await using var host = await HostProcess.StartAsync(database.Directory, adminKey,
            new Dictionary<string, string> { ["Campaigns:Dashboard:Port"] = dashboardPort.ToString() });
        var api = host.Client(adminKey);
        var dashboard = new ApiClient(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{dashboardPort}") });
        var dashboardAsAdmin = new ApiClient(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{dashboardPort}") });
        dashboardAsAdmin.Http.DefaultRequestHeaders.Authorization = new("Bearer", adminKey);

        Assert.Equal(HttpStatusCode.OK, (await dashboardAsAdmin.Get("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await dashboard.Get("/dashboard/")).StatusCode);
        // Fails without app.UseDashboardPort(dashboard) in HostingExtensions.UseCampaigns (or the gate's port test).
        Assert.Equal(HttpStatusCode.NotFound, (await api.Get("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dashboardAsAdmin.Get("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dashboardAsAdmin.PostJson("/v1/agencies", new { name = "via the dashboard port" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.PostJson("/v1/agencies", new { name = "via the API port" })).StatusCode);
    }

    [Fact]
    public async Task A_switched_off_dashboard_is_not_served()
    {
        using var database = new TempSqliteDatabase();
        var settings = HostSettings.Sqlite(database.Directory) with
        {
            Overrides = new Dictionary<string, string> { ["Campaigns:Dashboard:Enabled"] = "false" },
        };
        await using var app = new CampaignsApp(settings);

        // Fails without `if (!dashboard.Enabled) return;` in DashboardHosting.MapDashboard together with the
        // `if (options.Dashboard.Enabled)` around AddDashboard in SiloConfiguration (without only the first, the host cannot start).
        Assert.Equal(HttpStatusCode.NotFound, (await ApiClient.For(app, settings.AdminKey).Get("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ApiClient.For(app, null).Get("/health/ready")).StatusCode);
    }

    [Theory]
    [InlineData("Campaigns:ShutdownSeconds", "0", "Campaigns:ShutdownSeconds")]
    [InlineData("Campaigns:Cluster:Kubernetes", "true", "Campaigns:Cluster:Kubernetes")]
    [InlineData("Campaigns:Dashboard:Port", "70000", "Campaigns:Dashboard:Port")]
    public void Settings_the_host_cannot_honour_stop_it_at_start_naming_the_key(string key, string value, string named)
    {
        using var database = new TempSqliteDatabase();
        var settings = HostSettings.Sqlite(database.Directory) with { Overrides = new Dictionary<string, string> { [key] = value } };
        using var app = new CampaignsApp(settings);

        var refused = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains(named, Flatten(refused));
    }

    private static string Flatten(Exception exception) =>
        exception.InnerException is null ? exception.Message : exception.Message + " | " + Flatten(exception.InnerException);

    private static async Task<bool> Accepts(IPAddress address, int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(address, port).WaitAsync(TimeSpan.FromSeconds(5));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task<long> ProxyPortInMembershipTable(string connectionString, string clusterId, int siloPort)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT proxyport FROM orleansmembershiptable WHERE deploymentid = @c AND port = @p AND status = 3", connection);
        command.Parameters.AddWithValue("c", clusterId);
        command.Parameters.AddWithValue("p", siloPort);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
