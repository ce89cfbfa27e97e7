using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Campaigns.PlatformFakes;

/// <summary>
/// A small Kestrel app on 127.0.0.1 and a free port playing one platform. Every request waits
/// <see cref="Latency"/> first; <see cref="Faults"/> injects one-off failures per operation; <see cref="Counters"/>
/// lets a test assert what the platform saw (creates per handle, uploads, refreshes).
/// </summary>
public abstract class FakeServer : IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>Creates the fake; call <see cref="StartAsync"/> before use.</summary>
    protected FakeServer(TimeProvider? clock)
    {
        Clock = clock ?? TimeProvider.System;
        Accounts = new FakeAccounts(Clock);
    }

    /// <summary>The fake's clock: token expiry and metrics growth follow it.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The users, apps and tokens the fake knows.</summary>
    public FakeAccounts Accounts { get; }

    /// <summary>One-off failures, taken by the next call of their operation.</summary>
    public FaultPlan Faults { get; } = new();

    /// <summary>What the fake saw.</summary>
    public FakeCounters Counters { get; } = new();

    /// <summary>Delay added before every answer (e.g. 50 ms for the benchmark); zero by default.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Where the fake listens, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Starts listening on a free loopback port.</summary>
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = null;
            k.Limits.MinRequestBodyDataRate = null;
        });
        builder.Services.AddRoutingCore();
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency, context.RequestAborted);
            }
            await next(context);
        });
        Map(_app);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.TrimEnd('/') + "/");
    }

    /// <summary>Maps the platform's documented endpoints.</summary>
    protected abstract void Map(WebApplication app);

    /// <summary>
    /// Wraps a handler that takes only the context, so minimal APIs write its result (a bare method group would be
    /// taken for a RequestDelegate and its result dropped).
    /// </summary>
    protected static Delegate Handle(Func<HttpContext, Task<IResult>> handler) => handler;

    /// <summary>An absolute URL on the fake.</summary>
    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery.TrimStart('/'));

    /// <summary>The bearer token of a request, or null.</summary>
    protected static string? Bearer(HttpContext context) =>
        context.Request.Headers.Authorization.ToString() is var header && header.StartsWith("Bearer ", StringComparison.Ordinal)
            ? header["Bearer ".Length..]
            : null;

    /// <summary>
    /// Counts a call of <paramref name="operation"/> (and, for a token valid when it arrives, its user's calls of it) and takes its fault (an expired-token fault expires
    /// <paramref name="token"/> now); the token's user afterwards, or "" when it is not valid.
    /// </summary>
    protected string Authenticate(string operation, string? token, out Fault? fault)
    {
        Counters.Add(operation);
        if (Accounts.UserOf(token) is { } caller)
        {
            Counters.Add(FakeCounters.By(operation, caller));
        }
        fault = Faults.Take(operation);
        if (fault?.Kind == FaultKind.TokenExpired)
        {
            Accounts.Expire(token);
        }
        return Accounts.UserOf(token) ?? "";
    }

    /// <summary>Drops the connection without an answer, as a lost response looks to the client.</summary>
    protected static void DropAnswer(HttpContext context) => context.Abort();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}
