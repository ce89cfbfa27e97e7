using System.Net;
using Campaigns.Host.Tests.Support;
using static Campaigns.Host.Tests.Deploy.KubernetesModel;

namespace Campaigns.Host.Tests.Deploy;

/// <summary>Every health path deploy/ asks is one the real host answers, and readiness asks the readiness check.</summary>
public sealed class ProbePathTests(SqliteHostFixture host) : IClassFixture<SqliteHostFixture>
{
    [Fact]
    public async Task Every_probe_and_healthcheck_path_is_served_by_the_host()
    {
        var paths = new Dictionary<string, string>();
        foreach (var (name, service) in ComposeModel.Silos)
        {
            paths[$"compose {name} healthcheck"] = ComposeModel.HealthcheckRequest(service).Path;
        }
        foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
        {
            paths[$"k8s {probe}"] = Yaml.Text(SiloContainer, probe + ".httpGet.path")!;
        }

        var anonymous = ApiClient.For(host.App, null);
        foreach (var (where, path) in paths)
        {
            Assert.True((await anonymous.Get(path)).StatusCode == HttpStatusCode.OK, $"{where} asks {path}, which the host does not answer with 200");
        }
    }

    [Fact]
    public void Readiness_is_asked_of_the_readiness_endpoint()
    {
        Assert.Equal(HostingExtensions.ReadyPath, Yaml.Text(SiloContainer, "readinessProbe.httpGet.path"));
        Assert.All(ComposeModel.Silos, s => Assert.Equal(HostingExtensions.ReadyPath, ComposeModel.HealthcheckRequest(s.Value).Path));
    }
}
