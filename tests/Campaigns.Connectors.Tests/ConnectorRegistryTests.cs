using Campaigns.Connectors.Tests.Support;
using Campaigns.Connectors.Webhook;
using Campaigns.Domain.Accounts;
using Campaigns.Sandbox;
using Campaigns.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Campaigns.Connectors.Tests;

public sealed class ConnectorRegistryTests
{
    private static readonly StorageSettings Unused = new(StorageProvider.Sqlite, "Data Source=unused.db");

    [Fact]
    public async Task Every_type_has_a_connector_in_one_of_the_two_registries()
    {
        await using var services = ConnectorHost.Build(Unused);
        var registry = services.GetRequiredService<ConnectorRegistry>();
        var platforms = services.GetRequiredService<Campaigns.Connectors.Platforms.PlatformRegistry>();

        Assert.IsType<SandboxConnector>(registry.Get(ConnectorType.Sandbox));
        Assert.IsType<WebhookConnector>(registry.For(new ConnectorTarget(ConnectorType.Webhook, "http://x", "s")));
        // Real platforms publish by steps with a stored handle (IPlatformConnector), not by idempotency key.
        Assert.Equal(Enum.GetValues<ConnectorType>().Where(t => !ConnectorPairing.IsPlatformConnector(t)).Order(), registry.Types.Order());
        Assert.Equal(Enum.GetValues<ConnectorType>().Where(ConnectorPairing.IsPlatformConnector).Order(), platforms.Types.Order());
    }

    [Fact]
    public async Task A_request_for_another_connector_is_a_programming_error()
    {
        await using var services = ConnectorHost.Build(Unused);
        var webhook = services.GetRequiredService<WebhookConnector>();

        await Assert.ThrowsAsync<ArgumentException>(() => webhook.PublishAsync(Requests.Publish(ConnectorTarget.Sandbox), default));
    }

    [Fact]
    public void Two_connectors_of_one_type_are_refused()
    {
        using var services = ConnectorHost.Build(Unused);
        var sandbox = services.GetRequiredService<SandboxConnector>();

        Assert.Throws<ArgumentException>(() => new ConnectorRegistry([sandbox, sandbox]));
    }

    [Theory]
    [InlineData("Campaigns:Sandbox:FailureRate", "1.5")]
    [InlineData("Campaigns:Sandbox:TimeScale", "0")]
    [InlineData("Campaigns:Sandbox:Latency", "250")]
    public void Out_of_range_sandbox_settings_are_rejected(string key, string value)
    {
        using var services = ConnectorHost.Build(Unused, new Dictionary<string, string?> { [key] = value });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SandboxOptions>>().Value);
    }

    [Theory]
    [InlineData("Campaigns:Webhook:AttemptTimeout", "00:00:00")]
    [InlineData("Campaigns:Webhook:TotalTimeout", "00:00:01")]
    [InlineData("Campaigns:Webhook:MaxRetries", "-1")]
    public void Out_of_range_webhook_settings_are_rejected(string key, string value)
    {
        using var services = ConnectorHost.Build(Unused, new Dictionary<string, string?> { [key] = value });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<WebhookOptions>>().Value);
    }
}
