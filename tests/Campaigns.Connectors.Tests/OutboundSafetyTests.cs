using Campaigns.Connectors.Outbound;
using Campaigns.Connectors.Tests.Support;
using Campaigns.Connectors.Webhook;
using Campaigns.Domain.Accounts;
using Campaigns.Storage;
using Campaigns.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Connectors.Tests;

/// <summary>
/// The outbound guard, with a DNS the test writes. Every publisher here listens on 127.0.0.1, and names under the
/// reserved <c>.test</c> domain exist only in <see cref="ScriptedResolver"/>: nothing leaves this machine, and a call
/// that arrives proves the connection went to the address the guard checked.
/// </summary>
public sealed class OutboundSafetyTests
{
    private static readonly StorageSettings Unused = new(StorageProvider.Sqlite, "Data Source=unused.db");

    private static readonly Dictionary<string, string[]> Dns = new()
    {
        ["public.test"] = ["203.0.113.5", "2001:db8::5"],
        ["mapped-public.test"] = ["::ffff:203.0.113.6"],
        ["private.test"] = ["10.0.0.7"],
        ["loopback.test"] = ["127.0.0.1"],
        ["mapped.test"] = ["::ffff:192.168.1.20"],
        ["metadata.test"] = ["169.254.169.254"],
        ["mixed.test"] = ["203.0.113.5", "172.16.0.1"],
        ["nat64.test"] = ["64:ff9b::a00:1"],
    };

    [Theory]
    [InlineData("public.test", false, "203.0.113.5 2001:db8::5")]
    [InlineData("mapped-public.test", false, "203.0.113.6")]
    [InlineData("private.test", false, "refused: private.test resolves to a private address (private)")]
    [InlineData("loopback.test", false, "refused: loopback.test resolves to a private address (loopback)")]
    [InlineData("mapped.test", false, "refused: mapped.test resolves to a private address (private (IPv4-mapped))")]
    [InlineData("metadata.test", false, "refused: metadata.test resolves to a private address (link-local)")]
    [InlineData("mixed.test", false, "refused: mixed.test resolves to a private address (private)")]
    [InlineData("nat64.test", false, "refused: nat64.test resolves to a private address (private (NAT64))")]
    [InlineData("127.0.0.1", false, "refused: 127.0.0.1 is a loopback address")]
    [InlineData("::ffff:127.0.0.1", false, "refused: ::ffff:127.0.0.1 is a loopback (IPv4-mapped) address")]
    [InlineData("localhost", false, "refused: localhost is a loopback address")]
    [InlineData("203.0.113.9", false, "203.0.113.9")]
    [InlineData("loopback.test", true, "127.0.0.1")]
    [InlineData("mixed.test", true, "203.0.113.5 172.16.0.1")]
    [InlineData("::ffff:127.0.0.1", true, "127.0.0.1")]
    public async Task The_guard_checks_every_address_a_host_stands_for(string host, bool allowPrivate, string expected)
    {
        var resolver = new ScriptedResolver(Dns);
        await using var services = Build(allowPrivate, resolver);
        var guard = services.GetRequiredService<OutboundGuard>();

        string outcome;
        try
        {
            outcome = string.Join(' ', await guard.AddressesAsync(host, default));
        }
        catch (OutboundRefusedException e)
        {
            outcome = e.Message;
        }

        Assert.Equal(expected, outcome);
        // Literals are judged as they are; only names are looked up, once.
        Assert.Equal(Dns.ContainsKey(host) ? [host] : [], resolver.Asked);
    }

    [Fact]
    public async Task A_webhook_whose_name_resolves_privately_fails_for_good_without_a_call()
    {
        await using var server = await WebhookServer.StartAsync();
        var resolver = new ScriptedResolver(Dns);
        await using var services = Build(allowPrivate: false, resolver);

        var result = await services.GetRequiredService<WebhookConnector>()
            .PublishAsync(Requests.Publish(TargetOn(server, "loopback.test")), default);

        // Fails without OutboundHandler's ConnectCallback (the name would not resolve: a transient failure).
        Assert.Equal(PublishOutcome.TerminalFailure, result.Outcome);
        Assert.Equal("refused: loopback.test resolves to a private address (loopback)", result.Error);
        Assert.Empty(server.Calls);
        // One lookup: a refusal is not retried (fails if OutboundHandler stops unwrapping it, and the retry
        // pipeline sees an HttpRequestException).
        Assert.Equal(["loopback.test"], resolver.Asked);
    }

    [Theory]
    [InlineData("127.0.0.1", "refused: 127.0.0.1 is a loopback address")]
    [InlineData("[::ffff:127.0.0.1]", "refused: [::ffff:127.0.0.1] is a loopback (IPv4-mapped) address")]
    [InlineData("localhost", "refused: localhost is a loopback address")]
    public async Task A_webhook_at_a_literal_loopback_address_fails_for_good_without_a_call(string host, string error)
    {
        await using var server = await WebhookServer.StartAsync();
        var resolver = new ScriptedResolver(Dns);
        await using var services = Build(allowPrivate: false, resolver);

        var result = await services.GetRequiredService<WebhookConnector>()
            .PublishAsync(Requests.Publish(TargetOn(server, host)), default);

        Assert.Equal((PublishOutcome.TerminalFailure, error), (result.Outcome, result.Error));
        Assert.Empty(server.Calls);
        Assert.Empty(resolver.Asked);
    }

    [Fact]
    public async Task The_connection_goes_to_the_address_the_guard_checked_not_to_a_second_lookup()
    {
        await using var server = await WebhookServer.StartAsync();
        var resolver = new ScriptedResolver(Dns);
        await using var services = Build(allowPrivate: true, resolver);
        var request = Requests.Publish(TargetOn(server, "loopback.test"));

        var result = await services.GetRequiredService<WebhookConnector>().PublishAsync(request, default);

        // loopback.test exists only in the scripted resolver: the call can arrive only through the checked address.
        Assert.Equal(PublishOutcome.Published, result.Outcome);
        Assert.Equal(request.IdempotencyKey, Assert.Single(server.Calls).IdempotencyKey);
        Assert.Equal(["loopback.test"], resolver.Asked);
    }

    private static ServiceProvider Build(bool allowPrivate, ScriptedResolver resolver) => ConnectorHost.Build(
        Unused,
        new Dictionary<string, string?>
        {
            ["Campaigns:Outbound:AllowPrivateAddresses"] = allowPrivate ? "true" : "false",
            ["Campaigns:Webhook:MaxRetries"] = "2",
            ["Campaigns:Webhook:RetryDelay"] = "00:00:00.020",
            ["Campaigns:Webhook:AttemptTimeout"] = "00:00:10",
            ["Campaigns:Webhook:TotalTimeout"] = "00:00:20",
        },
        services => services.AddSingleton<IHostResolver>(resolver));

    /// <summary>The server's target with its host replaced by <paramref name="host"/>, on the server's port.</summary>
    private static ConnectorTarget TargetOn(WebhookServer server, string host) =>
        server.Target with { Url = new UriBuilder(server.Url) { Host = host }.Uri.ToString() };
}
