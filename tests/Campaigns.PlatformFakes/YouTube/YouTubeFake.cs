using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Campaigns.PlatformFakes.YouTube;

/// <summary>
/// Google OAuth (with PKCE) and the YouTube Data API's resumable upload, statistics and channel endpoints, in memory.
/// Operations for faults: <c>token</c>, <c>session</c>, <c>upload</c> (a chunk), <c>probe</c>, <c>videos</c>,
/// <c>channels</c>. The video is created when its last byte arrives.
/// </summary>
public sealed class YouTubeFake : FakeServer
{
    /// <summary>Chunks other than the last must be multiples of this.</summary>
    public const long Granularity = 256 * 1024;

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly OAuthPages _pages;

    /// <summary>A fake on the system clock, or on <paramref name="clock"/>.</summary>
    public YouTubeFake(TimeProvider? clock = null) : base(clock)
    {
        Posts = new FakePosts(Clock, Counters);
        Accounts.RotateRefreshTokens = false; // Google keeps the refresh token
        Accounts.AccessLifetime = TimeSpan.FromHours(1);
        _pages = new OAuthPages(Accounts);
    }

    /// <summary>The videos created.</summary>
    public FakePosts Posts { get; }

    /// <summary>Ends an upload session: later requests to it answer 404.</summary>
    public void ExpireSession(string sessionUri) =>
        _sessions.TryRemove(new Uri(sessionUri).Query.Split("upload_id=")[1], out _);

    /// <inheritdoc />
    protected override void Map(WebApplication app)
    {
        app.MapGet("/o/oauth2/v2/auth", (HttpContext c) => _pages.Authorize(c, "client_id", requirePkce: true));
        app.MapPost("/token", Handle(Token));
        app.MapPost("/upload/youtube/v3/videos", Handle(Open));
        app.MapPut("/upload/youtube/v3/videos", Handle(Put));
        app.MapGet("/youtube/v3/videos", Handle(Videos));
        app.MapGet("/youtube/v3/channels", Handle(Channels));
    }

    private async Task<IResult> Token(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (Refusal(Faults.Take("token")) is { } refused)
        {
            return refused;
        }
        if (!Accounts.IsApp(form["client_id"], form["client_secret"]))
        {
            return Results.Json(new { error = "invalid_client", error_description = "The OAuth client was not found." }, statusCode: 401);
        }
        FakeTokens? tokens = null;
        if (form["grant_type"] == "authorization_code" && _pages.Matches(form["code"], form["redirect_uri"], form["code_verifier"]))
        {
            tokens = Accounts.Exchange(form["code"]);
        }
        else if (form["grant_type"] == "refresh_token")
        {
            tokens = Accounts.Refresh(form["refresh_token"], Faults.RefuseRefresh);
            if (tokens is not null)
            {
                Counters.Add("refresh");
                tokens = tokens with { RefreshToken = null }; // Google's refresh answer carries no refresh token
            }
        }
        return tokens is null
            ? Results.Json(new { error = "invalid_grant", error_description = "Token has been expired or revoked." }, statusCode: 400)
            : Results.Json(new JsonObject
            {
                ["access_token"] = tokens.AccessToken,
                ["expires_in"] = tokens.ExpiresIn,
                ["refresh_token"] = tokens.RefreshToken,
                ["scope"] = "https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.readonly",
                ["token_type"] = "Bearer",
            });
    }

    private async Task<IResult> Open(HttpContext context)
    {
        if (Gate(context, "session", out var user) is { } refused)
        {
            return refused;
        }
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        if (!long.TryParse(context.Request.Headers["X-Upload-Content-Length"], NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size <= 0)
        {
            return Error(400, "badRequest", "X-Upload-Content-Length is required.");
        }
        var title = body?["snippet"]?["title"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(title) || title.Length > 100)
        {
            return Error(400, "invalidTitle", "The video title is missing or too long.");
        }
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
        _sessions[id] = new Session(id, user, title, size);
        context.Response.Headers.Location = Url($"upload/youtube/v3/videos?uploadType=resumable&upload_id={id}").AbsoluteUri;
        Counters.Add("session-ok");
        return Results.Ok();
    }

    private async Task<IResult> Put(HttpContext context)
    {
        var probe = context.Request.Headers.ContentRange.ToString().StartsWith("bytes */", StringComparison.Ordinal);
        if (Gate(context, probe ? "probe" : "upload", out var user, out var fault) is { } refused)
        {
            return refused;
        }
        if (!_sessions.TryGetValue(context.Request.Query["upload_id"].ToString(), out var session) || session.User != user)
        {
            return Results.NotFound();
        }
        if (probe || session.VideoId is not null)
        {
            return Progress(session);
        }
        if (!ContentRangeHeaderValue.TryParse(context.Request.Headers.ContentRange.ToString(), out var range)
            || range.From != session.Received || range.Length != session.Size
            || (range.To + 1 != session.Size && (range.To - range.From + 1) % Granularity != 0))
        {
            return Error(400, "badContent", "Chunks must continue where the session stands and be multiples of 256 KiB.");
        }
        var stopAfter = fault?.Kind == FaultKind.Interrupt ? fault.AfterBytes : (long?)null;
        var (received, intact) = await MediaPattern.ReceiveAsync(context.Request.Body, range.From!.Value, stopAfter, context.RequestAborted);
        if (stopAfter is not null)
        {
            DropAnswer(context);
            return Results.Empty;
        }
        if (received != range.To - range.From + 1 || !intact)
        {
            return Error(400, "badContent", "The chunk's bytes are not the video's.");
        }
        Counters.Add("upload-bytes", received);
        session.Received += received;
        if (session.Received == session.Size)
        {
            session.VideoId = Posts.Create(session.Id, session.User, session.Title, session.Size).Id;
        }
        if (fault?.Kind == FaultKind.DropAnswer)
        {
            DropAnswer(context);
        }
        return Progress(session);
    }

    private IResult Progress(Session session)
    {
        if (session.VideoId is { } videoId)
        {
            return Results.Json(new { kind = "youtube#video", id = videoId, status = new { uploadStatus = "uploaded" } }, statusCode: 200);
        }
        return new RangeResult(session.Received);
    }

    private Task<IResult> Videos(HttpContext context)
    {
        if (Gate(context, "videos", out var user) is { } refused)
        {
            return Task.FromResult(refused);
        }
        var ids = context.Request.Query["id"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        var items = new JsonArray();
        foreach (var post in ids.Select(Posts.Find).Where(p => p is not null && p.UserId == user))
        {
            var (views, likes, comments, _) = Posts.Engagement(post!);
            items.Add(new JsonObject { ["id"] = post!.Id, ["statistics"] = new JsonObject { ["viewCount"] = views.ToString(CultureInfo.InvariantCulture), ["likeCount"] = likes.ToString(CultureInfo.InvariantCulture), ["commentCount"] = comments.ToString(CultureInfo.InvariantCulture) } });
        }
        return Task.FromResult<IResult>(Results.Json(new JsonObject { ["kind"] = "youtube#videoListResponse", ["items"] = items }));
    }

    private Task<IResult> Channels(HttpContext context) =>
        Task.FromResult(Gate(context, "channels", out var user) ?? Results.Json(new JsonObject
        {
            ["items"] = new JsonArray(new JsonObject { ["id"] = "UC" + user, ["statistics"] = new JsonObject { ["subscriberCount"] = Accounts.User(user).Followers.ToString(CultureInfo.InvariantCulture) } }),
        }));

    private IResult? Gate(HttpContext context, string operation, out string user) => Gate(context, operation, out user, out _);

    private IResult? Gate(HttpContext context, string operation, out string user, out Fault? fault)
    {
        user = Authenticate(operation, Bearer(context), out fault);
        if (Refusal(fault) is { } refused)
        {
            return refused;
        }
        return user.Length == 0 ? Error(401, "authError", "Invalid Credentials") : null;
    }

    private static IResult? Refusal(Fault? fault) => fault?.Kind switch
    {
        FaultKind.RateLimited => new RetryAfterResult(Error(429, "rateLimitExceeded", "Too many requests."), fault.RetryAfterSeconds),
        FaultKind.ServerError => Error(503, "backendError", "Backend Error"),
        FaultKind.Refuse => Error(fault.Code == "uploadLimitExceeded" ? 400 : 403, fault.Code ?? "forbidden", "Refused by the fake."),
        _ => null,
    };

    private static IResult Error(int status, string reason, string message) =>
        Results.Json(new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = status,
                ["message"] = message,
                ["errors"] = new JsonArray(new JsonObject { ["domain"] = "youtube", ["reason"] = reason, ["message"] = message }),
            },
        }, statusCode: status);

    private sealed class Session(string id, string user, string title, long size)
    {
        public string Id { get; } = id;
        public string User { get; } = user;
        public string Title { get; } = title;
        public long Size { get; } = size;
        public long Received { get; set; }
        public string? VideoId { get; set; }
    }

    /// <summary>308 Resume Incomplete with <c>Range: bytes=0-N</c> (no Range before the first byte).</summary>
    private sealed class RangeResult(long received) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
            if (received > 0)
            {
                httpContext.Response.Headers["Range"] = $"bytes=0-{(received - 1).ToString(CultureInfo.InvariantCulture)}";
            }
            return Task.CompletedTask;
        }
    }
}
