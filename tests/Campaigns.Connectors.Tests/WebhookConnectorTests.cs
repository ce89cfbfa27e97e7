using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Campaigns.Connectors.Tests.Support;
using Campaigns.Connectors.Webhook;
using Campaigns.Domain.Accounts;
using Campaigns.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Connectors.Tests;

/// <summary>
/// The webhook connector against a real local HTTP server. Retries are quick; attempts that should be answered get a
/// generous timeout (a loaded CI machine may take a second to answer a fresh server), and only the test of a publisher
/// that never answers uses a short one.
/// </summary>
public sealed class WebhookConnectorTests : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ShortTotalTimeout = TimeSpan.FromSeconds(2);

    private readonly ServiceProvider _services = Build(attemptTimeout: "00:00:10", totalTimeout: "00:00:20");

    private WebhookConnector Connector => _services.GetRequiredService<WebhookConnector>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private static ServiceProvider Build(string attemptTimeout, string totalTimeout) => ConnectorHost.Build(
        new StorageSettings(StorageProvider.Sqlite, "Data Source=unused.db"),
        new Dictionary<string, string?>
        {
            ["Campaigns:Webhook:AttemptTimeout"] = attemptTimeout,
            ["Campaigns:Webhook:TotalTimeout"] = totalTimeout,
            ["Campaigns:Webhook:MaxRetries"] = "2",
            ["Campaigns:Webhook:RetryDelay"] = "00:00:00.020",
        });

    [Fact]
    public async Task A_publish_is_a_signed_post_with_the_idempotency_key_and_no_secret()
    {
        await using var server = await WebhookServer.StartAsync();
        var request = Requests.Publish(server.Target);

        var result = await Connector.PublishAsync(request, default);

        Assert.Equal(PublishOutcome.Published, result.Outcome);
        Assert.Equal(server.Posts[request.IdempotencyKey], result.PlatformPostId);
        var call = Assert.Single(server.Calls);
        Assert.Equal(("POST", true, request.IdempotencyKey), (call.Method, call.SignatureValid, call.IdempotencyKey));
        Assert.StartsWith("application/json", call.ContentType);
        Assert.InRange(long.Parse(call.Timestamp), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.Equal(request.PushId, call.Json.GetProperty("pushId").GetString());
        Assert.Equal("wechat-channels", call.Json.GetProperty("platform").GetString());
        Assert.Equal(request.IdempotencyKey, call.Json.GetProperty("idempotencyKey").GetString());
        Assert.Equal(["#summer", "#skincare"], call.Json.GetProperty("hashtags").EnumerateArray().Select(h => h.GetString()));
        Assert.DoesNotContain(WebhookServer.Secret, Encoding.UTF8.GetString(call.Body));
        Assert.False(call.Json.TryGetProperty("target", out _));
    }

    [Fact]
    public async Task Two_server_errors_are_retried_with_the_same_key_and_one_post_results()
    {
        await using var server = await WebhookServer.StartAsync((call, context) => Answer(context, call.Index <= 2 ? 500 : null));
        var request = Requests.Publish(server.Target);

        var result = await Connector.PublishAsync(request, default);

        Assert.Equal(PublishOutcome.Published, result.Outcome);
        Assert.Equal(3, server.Calls.Count);
        Assert.All(server.Calls, c => Assert.Equal((request.IdempotencyKey, true), (c.IdempotencyKey, c.SignatureValid)));
        Assert.Single(server.Posts);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    [InlineData(408)]
    public async Task A_publisher_that_keeps_failing_transiently_is_a_transient_failure_after_the_retries(int status)
    {
        await using var server = await WebhookServer.StartAsync((_, context) => Answer(context, status, "busy"));

        var result = await Connector.PublishAsync(Requests.Publish(server.Target), default);

        Assert.Equal(PublishOutcome.TransientFailure, result.Outcome);
        Assert.Contains(status.ToString(), result.Error);
        Assert.Equal(3, server.Calls.Count);
        Assert.Empty(server.Posts);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(422)]
    public async Task A_client_error_is_terminal_names_the_status_never_the_answer_and_is_not_retried(int status)
    {
        await using var server = await WebhookServer.StartAsync((_, context) =>
        {
            // The reason phrase is the publisher's words as much as the body is.
            context.Features.Get<IHttpResponseFeature>()!.ReasonPhrase = "internal-host-10.0.0.7";
            return Answer(context, status, "caption too long; see http://10.0.0.7/admin");
        });

        var result = await Connector.PublishAsync(Requests.Publish(server.Target), default);

        Assert.Equal(PublishOutcome.TerminalFailure, result.Outcome);
        Assert.StartsWith($"webhook POST answered {status}: the publisher ", result.Error);
        // Fails if WebhookConnector.SendAsync puts the answer's body or reason phrase back into the error.
        Assert.DoesNotContain("caption", result.Error);
        Assert.DoesNotContain("10.0.0.7", result.Error);
        Assert.Single(server.Calls);
    }

    [Fact]
    public async Task A_publisher_that_never_answers_is_unknown_within_the_time_budget()
    {
        await using var server = await WebhookServer.StartAsync(async (_, context) =>
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The connector gave up on this attempt.
            }
            return true;
        });
        await using var impatient = Build(attemptTimeout: "00:00:00.500", totalTimeout: ShortTotalTimeout.ToString());
        var clock = Stopwatch.StartNew();

        var result = await impatient.GetRequiredService<WebhookConnector>()
            .PublishAsync(Requests.Publish(server.Target), default).WaitAsync(Deadline);

        Assert.Equal(PublishOutcome.Unknown, result.Outcome);
        // The total budget bounds the call; the margin is for a loaded machine, and still far below an unbounded wait.
        Assert.True(clock.Elapsed < ShortTotalTimeout + TimeSpan.FromSeconds(8), $"took {clock.Elapsed}");
        Assert.InRange(server.Calls.Count, 1, 3);
    }

    [Fact]
    public async Task An_unreachable_publisher_is_a_transient_failure_because_nothing_was_sent()
    {
        var target = new ConnectorTarget(ConnectorType.Webhook, $"http://127.0.0.1:{ClosedPort()}/publish", WebhookServer.Secret);

        var result = await Connector.PublishAsync(Requests.Publish(target), default).WaitAsync(Deadline);

        Assert.Equal(PublishOutcome.TransientFailure, result.Outcome);
    }

    [Fact]
    public async Task A_success_without_a_post_id_is_terminal()
    {
        await using var server = await WebhookServer.StartAsync(async (_, context) =>
        {
            await context.Response.WriteAsJsonAsync(new { ok = true });
            return true;
        });

        var result = await Connector.PublishAsync(Requests.Publish(server.Target), default);

        Assert.Equal(PublishOutcome.TerminalFailure, result.Outcome);
        Assert.Contains("platformPostId", result.Error);
    }

    [Theory]
    [InlineData(null, WebhookServer.Secret)]
    [InlineData("ftp://example.test/publish", WebhookServer.Secret)]
    [InlineData("http://127.0.0.1/publish", null)]
    [InlineData("http://127.0.0.1/publish", "")]
    public async Task A_webhook_without_a_usable_url_or_secret_is_terminal(string? url, string? secret)
    {
        var result = await Connector.PublishAsync(Requests.Publish(new ConnectorTarget(ConnectorType.Webhook, url, secret)), default);

        Assert.Equal(PublishOutcome.TerminalFailure, result.Outcome);
    }

    [Fact]
    public async Task Find_is_a_signed_get_that_finds_a_published_key_and_not_an_unknown_one()
    {
        await using var server = await WebhookServer.StartAsync();
        var request = Requests.Publish(server.Target);
        var published = await Connector.PublishAsync(request, default);

        var found = await Connector.FindAsync(Requests.LookupOf(request), default);
        var missing = await Connector.FindAsync(Requests.LookupOf(request) with { IdempotencyKey = "never published/?&" }, default);

        Assert.Equal((PublishOutcome.Published, published.PlatformPostId), (found!.Outcome, found.PlatformPostId));
        Assert.Null(missing);
        var lookups = server.Calls.Where(c => c.Method == "GET").ToList();
        Assert.Equal([request.IdempotencyKey, "never published/?&"], lookups.Select(c => c.QueryKey));
        Assert.All(lookups, c => Assert.True(c.SignatureValid && c.Body.Length == 0));
    }

    [Fact]
    public async Task Find_on_a_failing_publisher_says_it_does_not_know()
    {
        await using var server = await WebhookServer.StartAsync((_, context) => Answer(context, 502));
        var request = Requests.Publish(server.Target);

        var found = await Connector.FindAsync(Requests.LookupOf(request), default);

        Assert.Equal(PublishOutcome.Unknown, found!.Outcome);
    }

    /// <summary>Answers with <paramref name="status"/>, or lets the server behave well when it is null.</summary>
    private static async Task<bool> Answer(HttpContext context, int? status, string body = "")
    {
        if (status is null)
        {
            return false;
        }
        context.Response.StatusCode = status.Value;
        await context.Response.WriteAsync(body);
        return true;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
