using Campaigns.Sandbox;
using Campaigns.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Connectors.Tests.Support;

/// <summary>The connectors as the host would register them, over a given database and settings.</summary>
internal static class ConnectorHost
{
    /// <summary>
    /// Builds the services. The test publishers listen on 127.0.0.1, so private addresses are allowed unless
    /// <paramref name="settings"/> says otherwise; <paramref name="configure"/> may replace services (a resolver).
    /// </summary>
    public static ServiceProvider Build(
        StorageSettings storage, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?> { ["Campaigns:Outbound:AllowPrivateAddresses"] = "true" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new DbConnectionFactory(storage));
        services.AddConnectors(configuration);
        services.AddSandbox(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
