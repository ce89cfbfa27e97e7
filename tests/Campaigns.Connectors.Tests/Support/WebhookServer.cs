using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Campaigns.Connectors.Tests.Support;

/// <summary>
/// A real Kestrel server on 127.0.0.1 playing the agency's publisher. By default it behaves well: it checks the
/// signature, creates one post per Idempotency-Key and answers lookups. A script can take over any call.
/// </summary>
internal sealed class WebhookServer : IAsyncDisposable
{
    public const string Secret = "s3cret-for-tests";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _posts = new();
    private readonly ConcurrentQueue<ReceivedCall> _calls = new();
    private int _count;

    private WebhookServer(Func<ReceivedCall, HttpContext, Task<bool>>? script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(async context =>
        {
            var call = await ReceiveAsync(context);
            _calls.Enqueue(call);
            if (script is null || !await script(call, context))
            {
                await BehaveWellAsync(call, context);
            }
        });
    }

    /// <summary>The publisher's URL, e.g. <c>http://127.0.0.1:41234/publish</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Every call received, in order.</summary>
    public IReadOnlyList<ReceivedCall> Calls => _calls.ToList();

    /// <summary>Posts created, by idempotency key.</summary>
    public IReadOnlyDictionary<string, string> Posts => _posts;

    /// <summary>Starts a server; <paramref name="script"/> answers a call itself by returning true.</summary>
    public static async Task<WebhookServer> StartAsync(Func<ReceivedCall, HttpContext, Task<bool>>? script = null)
    {
        var server = new WebhookServer(script);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Url = new Uri(new Uri(address), "/publish");
        return server;
    }

    public ConnectorTarget Target => new(Campaigns.Domain.Accounts.ConnectorType.Webhook, Url.ToString(), Secret);

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }

    private async Task<ReceivedCall> ReceiveAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var headers = context.Request.Headers;
        return new ReceivedCall(
            Interlocked.Increment(ref _count),
            context.Request.Method,
            context.Request.Query["idempotencyKey"].ToString(),
            headers["Idempotency-Key"].ToString(),
            headers["X-Campaigns-Timestamp"].ToString(),
            context.Request.ContentType,
            body,
            SignatureMatches(headers["X-Campaigns-Timestamp"].ToString(), body, headers["X-Campaigns-Signature"].ToString()));
    }

    // Computed here from the documented recipe, not with the production helper, so a wrong recipe fails.
    private static bool SignatureMatches(string timestamp, byte[] body, string signature)
    {
        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), signed));
        return timestamp.Length > 0 && expected == signature;
    }

    private async Task BehaveWellAsync(ReceivedCall call, HttpContext context)
    {
        if (!call.SignatureValid)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        if (call.Method == HttpMethods.Get)
        {
            if (_posts.TryGetValue(call.QueryKey, out var found))
            {
                await context.Response.WriteAsJsonAsync(new { platformPostId = found });
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
            return;
        }
        var postId = _posts.GetOrAdd(call.IdempotencyKey, _ => "post-" + Guid.NewGuid().ToString("N"));
        await context.Response.WriteAsJsonAsync(new { platformPostId = postId });
    }
}

/// <summary>One request as the publisher saw it.</summary>
internal sealed record ReceivedCall(
    int Index, string Method, string QueryKey, string IdempotencyKey, string Timestamp, string? ContentType, byte[] Body, bool SignatureValid)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
