using System.Net;
using Campaigns.Storage;
using Npgsql;

namespace Campaigns.Host.Tests.Deploy;

/// <summary>
/// deploy/compose.yaml against the host's real settings: it cannot be run here (no container engine), so what can
/// drift from the code is checked instead.
/// </summary>
public sealed class ComposeWiringTests
{
    private static IEnumerable<(string Name, object? Service, ContainerSettings Settings)> Silos =>
        ComposeModel.Silos.Select(s => (s.Key, s.Value, ContainerSettings.For(ComposeModel.Environment(s.Value))));

    [Fact]
    public void Compose_builds_two_or_more_silos_from_the_Dockerfile_under_the_image_name_it_documents()
    {
        var silos = ComposeModel.Silos;

        Assert.True(silos.Count >= 2, "compose should run at least two silos");
        Assert.All(silos, s => Assert.Equal(DeployFiles.DockerfileDocumentedTag(), ComposeModel.Image(s.Value)));
    }

    [Fact]
    public void Compose_silos_set_only_settings_the_host_reads()
    {
        var names = Silos.SelectMany(s => ComposeModel.Environment(s.Service).Keys);

        Assert.DoesNotContain(names, n => !ConfigurationKeys.IsKnownEnvironmentName(n));
    }

    [Fact]
    public void Compose_silos_form_one_cluster_on_the_compose_database_once_it_is_healthy()
    {
        var silos = Silos.ToList();
        Assert.All(silos, s => Assert.Equal(StorageProvider.PostgreSql, s.Settings.Options.Storage.Provider));
        Assert.Single(silos.Select(s => (s.Settings.Options.Cluster.ClusterId, s.Settings.Options.Cluster.ServiceId)).Distinct());
        foreach (var (name, service, _) in silos)
        {
            var connection = new NpgsqlConnectionStringBuilder(ComposeModel.Environment(service)["ConnectionStrings__Campaigns"]);
            Assert.True(ComposeModel.Services.TryGetValue(connection.Host!, out var database), $"{name}: Host={connection.Host} is not a compose service");
            Assert.StartsWith("postgres:", ComposeModel.Image(database));
            var databaseEnvironment = ComposeModel.Environment(database);
            Assert.Equal(databaseEnvironment["POSTGRES_USER"], connection.Username);
            Assert.Equal(databaseEnvironment["POSTGRES_DB"], connection.Database);
            Assert.NotNull(Yaml.At(database, "healthcheck.test"));
            Assert.Equal("service_healthy", Yaml.Text(service, $"depends_on.{connection.Host}.condition"));
        }
    }

    [Fact]
    public void Each_silo_advertises_its_container_address_not_loopback()
    {
        // Unset means the host picks the container's own address; a loopback one would be unreachable from the other silo.
        Assert.All(Silos, s => Assert.True(
            s.Settings.Options.Cluster.AdvertisedIP is null || !IPAddress.IsLoopback(IPAddress.Parse(s.Settings.Options.Cluster.AdvertisedIP)),
            $"{s.Name} advertises {s.Settings.Options.Cluster.AdvertisedIP}"));
    }

    [Fact]
    public void Compose_publishes_the_HTTP_port_of_each_silo_and_its_healthcheck_asks_it()
    {
        foreach (var (name, service, settings) in Silos)
        {
            Assert.False(IPAddress.TryParse(settings.HttpUrl.Host, out var host) && IPAddress.IsLoopback(host), $"{name} serves HTTP on loopback only");
            Assert.Equal([settings.HttpPort], ComposeModel.PublishedContainerPorts(service));
            Assert.DoesNotContain(settings.Options.Cluster.SiloPort, ComposeModel.PublishedContainerPorts(service));
            Assert.Equal(settings.HttpPort, ComposeModel.HealthcheckRequest(service).Port);
        }
    }

    [Fact]
    public void Compose_keeps_secrets_out_of_the_file_and_the_example_env_file_names_each_one()
    {
        foreach (var (name, service, _) in Silos)
        {
            var environment = ComposeModel.Environment(service);
            Assert.StartsWith("${", environment["Campaigns__AdminKey"]);
            Assert.Contains("Password=${", environment["ConnectionStrings__Campaigns"]);
        }
        Assert.StartsWith("${", ComposeModel.Environment(ComposeModel.Services["postgres"])["POSTGRES_PASSWORD"]);

        var example = File.ReadAllLines(Path.Combine(DeployFiles.DeployDirectory, "compose.env.example"))
            .Where(l => l.Contains('=') && !l.TrimStart().StartsWith('#'))
            .ToDictionary(l => l.Split('=')[0].Trim(), l => l[(l.IndexOf('=') + 1)..].Trim());
        Assert.Equal(ComposeModel.InterpolatedVariables().Order(), example.Keys.Order());
        Assert.All(example, e => Assert.True(e.Value.Length == 0, $"the example should leave {e.Key} empty, not ship a value"));
    }
}
