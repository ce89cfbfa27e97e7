using Campaigns.Host.Configuration;
using Microsoft.Extensions.Configuration;

namespace Campaigns.Host.Tests.Deploy;

/// <summary>
/// The settings a container of the image would run with: the host's own appsettings.json, then the Dockerfile's
/// ENV, then the environment the compose service or pod gives it, bound to the host's options exactly as the host
/// binds them.
/// </summary>
public sealed class ContainerSettings
{
    private ContainerSettings(CampaignsOptions options, Uri httpUrl)
    {
        Options = options;
        HttpUrl = httpUrl;
    }

    public CampaignsOptions Options { get; }

    /// <summary>The one address Kestrel listens on for the API and health.</summary>
    public Uri HttpUrl { get; }

    public int HttpPort => HttpUrl.Port;

    public static ContainerSettings For(IReadOnlyDictionary<string, string> containerEnvironment)
    {
        var environment = new Dictionary<string, string>(DeployFiles.DockerfileEnvironment());
        foreach (var (name, value) in containerEnvironment)
        {
            environment[name] = value;
        }
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(DeployFiles.HostSettingsFile)
            .AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":"), (string?)e.Value)))
            .Build();
        var options = configuration.GetSection(CampaignsOptions.Section).Get<CampaignsOptions>() ?? new CampaignsOptions();
        var urls = environment.GetValueOrDefault("ASPNETCORE_URLS") ?? HostingExtensions.DefaultUrl;
        var parsed = urls.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(u => new Uri(u.Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0")))
            .ToList();
        Assert.True(parsed.Count == 1, $"A container should serve HTTP on one address, not '{urls}'.");
        return new ContainerSettings(options, parsed[0]);
    }
}
