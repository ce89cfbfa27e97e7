using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Host.Tests.Support;

/// <summary>
/// A third party's publisher on a loopback port, for accounts with the webhook connector, that behaves like a
/// platform with no idempotency keys: every create call counts (a second one would be a second post), and a look-up
/// (<c>GET ?idempotencyKey=</c>) finds what was created. Faults are set per test: answer late, lose the answer of a
/// create that happened, or refuse every create.
/// </summary>
public sealed class FakePlatform(WebApplication app) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, string> _posts = new();
    private readonly ConcurrentDictionary<string, int> _creates = new();
    private readonly ConcurrentDictionary<string, int> _lookups = new();
    private int _answersToLose;

    public string Url { get; } = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>How long a create takes before it answers (the post exists from the start).</summary>
    public TimeSpan AnswerDelay { get; set; }

    /// <summary>True: every create is refused with 503 before anything is made.</summary>
    public bool RefuseAll { get; set; }

    /// <summary>The next <paramref name="count"/> creates make their post, then cut the connection instead of answering.</summary>
    public void LoseAnswers(int count) => Interlocked.Exchange(ref _answersToLose, count);

    /// <summary>A post already made for <paramref name="key"/> (by an attempt nobody heard back from).</summary>
    public string Seed(string key) => _posts.GetOrAdd(key, _ => NewPostId());

    /// <summary>Create calls received for <paramref name="key"/>, refused ones included.</summary>
    public int Creates(string key) => _creates.GetValueOrDefault(key);

    /// <summary>Look-ups received for <paramref name="key"/>.</summary>
    public int Lookups(string key) => _lookups.GetValueOrDefault(key);

    /// <summary>The post made for <paramref name="key"/>, if any.</summary>
    public string? PostOf(string key) => _posts.GetValueOrDefault(key);

    public static async Task<FakePlatform> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        FakePlatform? platform = null;
        app.MapPost("/", (HttpContext http, [FromHeader(Name = "Idempotency-Key")] string key) => platform!.CreateAsync(http, key));
        app.MapGet("/", (string idempotencyKey) => platform!.LookUp(idempotencyKey));
        await app.StartAsync();
        platform = new FakePlatform(app);
        return platform;
    }

    private async Task<IResult> CreateAsync(HttpContext http, string key)
    {
        _creates.AddOrUpdate(key, 1, (_, n) => n + 1);
        if (RefuseAll)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        var post = _posts.GetOrAdd(key, _ => NewPostId());
        if (AnswerDelay > TimeSpan.Zero)
        {
            await Task.Delay(AnswerDelay);
        }
        if (Interlocked.Decrement(ref _answersToLose) >= 0)
        {
            http.Abort(); // made, but the caller never hears of it
            return Results.Empty;
        }
        return Results.Json(new { platformPostId = post });
    }

    private IResult LookUp(string key)
    {
        _lookups.AddOrUpdate(key, 1, (_, n) => n + 1);
        return _posts.TryGetValue(key, out var post) ? Results.Json(new { platformPostId = post }) : Results.NotFound();
    }

    private static string NewPostId() => "fp-" + Guid.NewGuid().ToString("N")[..10];

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
