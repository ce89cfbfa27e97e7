using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Host.Tests.Support;

/// <summary>
/// An agency's publisher on a loopback port, for accounts with the webhook connector: accepts every post. Such pushes
/// get no simulated engagement, so a test decides every snapshot they have.
/// </summary>
public sealed class FakePublisher(WebApplication app) : IAsyncDisposable
{
    public string Url { get; } = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public static async Task<FakePublisher> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/", () => Results.Json(new { platformPostId = "wh-" + Guid.NewGuid().ToString("N")[..8] }));
        await app.StartAsync();
        return new FakePublisher(app);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
