using Campaigns.Storage;
using Npgsql;
using Orleans.Hosting.Kubernetes;
using static Campaigns.Host.Tests.Deploy.KubernetesModel;

namespace Campaigns.Host.Tests.Deploy;

/// <summary>deploy/k8s against the host's real settings and against itself (selectors, ports, names).</summary>
public sealed class KubernetesWiringTests
{
    private static ContainerSettings Settings => ContainerSettings.For(LiteralEnv(SiloContainer));

    [Fact]
    public void Every_manifest_is_applied_by_the_kustomization_and_the_image_is_the_one_compose_builds()
    {
        Assert.Equal(ManifestFiles, Yaml.List(Yaml.At(Kustomization, "resources")).OfType<string>().Order());

        var image = Yaml.Text(SiloContainer, "image")!;
        Assert.Equal(DeployFiles.DockerfileDocumentedTag(), image);
        Assert.Contains(Yaml.List(Yaml.At(Kustomization, "images")), i => image.StartsWith(Yaml.Text(i, "name") + ":"));
    }

    [Fact]
    public void The_image_and_the_pod_open_the_hosts_HTTP_and_silo_ports_and_no_other()
    {
        var image = ContainerSettings.For(new Dictionary<string, string>());
        Assert.Equal(new HashSet<int> { image.HttpPort, image.Options.Cluster.SiloPort }, DeployFiles.DockerfileExposedPorts());

        var ports = ContainerPorts(SiloContainer);
        Assert.Equal(new Dictionary<string, int> { ["http"] = Settings.HttpPort, ["silo"] = Settings.Options.Cluster.SiloPort }, ports);
    }

    [Fact]
    public void Pod_environment_names_are_settings_the_host_reads()
    {
        var secretName = Yaml.Text(Yaml.List(Yaml.At(SiloContainer, "envFrom")).Single(), "secretRef.name");
        var secret = Examples("Secret").Single(s => Yaml.Text(s, "metadata.name") == secretName);
        var names = Env(SiloContainer).Select(e => Yaml.Text(e, "name")!).Concat(Yaml.Map(Yaml.At(secret, "stringData")).Keys);

        Assert.DoesNotContain(names, n => !ConfigurationKeys.IsKnownEnvironmentName(n));
    }

    [Fact]
    public void The_pod_runs_Kubernetes_hosting_with_its_identity_from_the_downward_API()
    {
        var options = Settings.Options;
        Assert.Equal(StorageProvider.PostgreSql, options.Storage.Provider);
        Assert.True(options.Cluster.Kubernetes, "Campaigns__Cluster__Kubernetes should be true");

        string? FieldOf(string name) => Yaml.Text(Env(SiloContainer).SingleOrDefault(e => Yaml.Text(e, "name") == name), "valueFrom.fieldRef.fieldPath");
        Assert.Equal("metadata.name", FieldOf(KubernetesHostingOptions.PodNameEnvironmentVariable));
        Assert.Equal("metadata.namespace", FieldOf(KubernetesHostingOptions.PodNamespaceEnvironmentVariable));
        Assert.Equal("status.podIP", FieldOf(KubernetesHostingOptions.PodIPEnvironmentVariable));
        Assert.Equal("status.podIP", FieldOf("Campaigns__Cluster__AdvertisedIP"));
        Assert.Equal(options.Cluster.ServiceId, PodLabels[KubernetesHostingOptions.ServiceIdLabel]);
        Assert.Equal(options.Cluster.ClusterId, PodLabels[KubernetesHostingOptions.ClusterIdLabel]);
    }

    [Fact]
    public void Probes_ask_the_HTTP_port_and_shutdown_gets_its_time()
    {
        foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
        {
            Assert.Equal(Settings.HttpPort, ResolvePort(Yaml.At(SiloContainer, probe + ".httpGet.port")));
        }
        var grace = int.Parse(Yaml.Text(PodSpec, "terminationGracePeriodSeconds") ?? "30");
        Assert.True(grace > Settings.Options.ShutdownSeconds,
            $"terminationGracePeriodSeconds {grace} should outlast the host's shutdown timeout of {Settings.Options.ShutdownSeconds} s");
    }

    [Fact]
    public void Service_disruption_budget_and_deployment_select_the_silo_pods()
    {
        Assert.True(Selects(Yaml.At(Silos, "spec.selector.matchLabels"), PodLabels));
        Assert.True(Selects(Yaml.At(One("PodDisruptionBudget", "campaigns"), "spec.selector.matchLabels"), PodLabels));
        Assert.NotNull(Yaml.At(One("PodDisruptionBudget", "campaigns"), "spec.maxUnavailable") ?? Yaml.At(One("PodDisruptionBudget", "campaigns"), "spec.minAvailable"));
        var service = One("Service", "campaigns");
        Assert.True(Selects(Yaml.At(service, "spec.selector"), PodLabels));
        Assert.All(Yaml.List(Yaml.At(service, "spec.ports")), p => Assert.Equal(Settings.HttpPort, ResolvePort(Yaml.At(p, "targetPort"))));
    }

    [Fact]
    public void The_network_policy_opens_the_silo_port_to_silo_pods_only_and_otherwise_HTTP_alone()
    {
        var policy = OfKind("NetworkPolicy").Single(p => Selects(Yaml.At(p, "spec.podSelector.matchLabels"), PodLabels));
        Assert.Contains("Ingress", Yaml.List(Yaml.At(policy, "spec.policyTypes")));
        var rules = Yaml.List(Yaml.At(policy, "spec.ingress"));
        var silo = Settings.Options.Cluster.SiloPort;

        Assert.All(rules, rule => Assert.NotEmpty(Yaml.List(Yaml.At(rule, "ports")))); // a rule without ports opens every port
        var opened = rules.SelectMany(r => Yaml.List(Yaml.At(r, "ports")).Select(p => ResolvePort(Yaml.At(p, "port")))).ToHashSet();
        Assert.Equal(new HashSet<int> { Settings.HttpPort, silo }, opened);
        foreach (var rule in rules.Where(r => Yaml.List(Yaml.At(r, "ports")).Any(p => ResolvePort(Yaml.At(p, "port")) == silo)))
        {
            var peers = Yaml.List(Yaml.At(rule, "from"));
            Assert.NotEmpty(peers);
            Assert.All(peers, peer =>
            {
                Assert.Equal(["podSelector"], Yaml.Map(peer).Keys); // no namespaceSelector or ipBlock beside it
                Assert.True(Selects(Yaml.At(peer, "podSelector.matchLabels"), PodLabels), "the silo port is open to pods that are not silos");
            });
        }
    }

    [Fact]
    public void Kubernetes_hosting_may_read_watch_and_label_the_pods()
    {
        var account = Yaml.Text(PodSpec, "serviceAccountName")!;
        Assert.NotNull(One("ServiceAccount", account));
        var binding = OfKind("RoleBinding").Single(b => Yaml.List(Yaml.At(b, "subjects")).Any(s => Yaml.Text(s, "name") == account));
        var role = One("Role", Yaml.Text(binding, "roleRef.name")!);

        var podVerbs = Yaml.List(Yaml.At(role, "rules"))
            .Where(r => Yaml.List(Yaml.At(r, "resources")).Contains("pods") && Yaml.List(Yaml.At(r, "apiGroups")).Contains(""))
            .SelectMany(r => Yaml.List(Yaml.At(r, "verbs")).OfType<string>());
        Assert.Superset(new HashSet<string> { "get", "list", "watch", "patch" }, podVerbs.ToHashSet());
    }

    [Fact]
    public void The_bundled_database_is_the_one_the_example_secret_points_at_and_only_silos_reach_it()
    {
        var secret = Examples("Secret").Single(s => Yaml.Text(s, "metadata.name") == "campaigns");
        var connection = new NpgsqlConnectionStringBuilder(Yaml.Text(secret, "stringData.ConnectionStrings__Campaigns"));
        var service = One("Service", connection.Host!);
        var database = OfKind("StatefulSet").Single(s => Selects(Yaml.At(service, "spec.selector"), Yaml.Strings(Yaml.At(s, "spec.template.metadata.labels"))));
        var container = Yaml.List(Yaml.At(database, "spec.template.spec.containers")).Single();

        Assert.Equal(LiteralEnv(container)["POSTGRES_USER"], connection.Username);
        Assert.Equal(LiteralEnv(container)["POSTGRES_DB"], connection.Database);
        Assert.Equal(ComposeModel.Image(ComposeModel.Services["postgres"]), Yaml.Text(container, "image"));
        var password = Env(container).Single(e => Yaml.Text(e, "name") == "POSTGRES_PASSWORD");
        Assert.Contains(Examples("Secret"), s => Yaml.Text(s, "metadata.name") == Yaml.Text(password, "valueFrom.secretKeyRef.name")
            && Yaml.At(s, "stringData." + Yaml.Text(password, "valueFrom.secretKeyRef.key")) is not null);

        var databaseLabels = Yaml.Strings(Yaml.At(database, "spec.template.metadata.labels"));
        var policy = OfKind("NetworkPolicy").Single(p => Selects(Yaml.At(p, "spec.podSelector.matchLabels"), databaseLabels));
        var peers = Yaml.List(Yaml.At(policy, "spec.ingress")).SelectMany(r => Yaml.List(Yaml.At(r, "from"))).ToList();
        Assert.NotEmpty(peers);
        Assert.All(peers, peer => Assert.True(Selects(Yaml.At(peer, "podSelector.matchLabels"), PodLabels)));
    }
}
