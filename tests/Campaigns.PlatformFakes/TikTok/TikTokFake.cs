using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Campaigns.PlatformFakes.TikTok;

/// <summary>
/// TikTok's Login Kit, Content Posting (Direct Post) and Display API as documented, in memory. Operations for
/// <see cref="FakeServer.Faults"/>: <c>token</c>, <c>creator_info</c>, <c>init</c>, <c>upload</c>, <c>status</c>,
/// <c>video_query</c>, <c>user_info</c>. A post is created when the last chunk of a FILE_UPLOAD arrives, or at
/// once by a PULL_FROM_URL init.
/// </summary>
public sealed partial class TikTokFake : FakeServer
{
    /// <summary>The smallest chunk TikTok takes.</summary>
    public const long MinChunk = 5_000_000;

    /// <summary>The largest chunk TikTok takes.</summary>
    public const long MaxChunk = 64L * 1024 * 1024;

    private readonly ConcurrentDictionary<string, TikTokPublish> _publishes = new(StringComparer.Ordinal);

    /// <summary>A fake on the system clock, or on <paramref name="clock"/>.</summary>
    public TikTokFake(TimeProvider? clock = null) : base(clock) => Posts = new FakePosts(Clock, Counters);

    /// <summary>The posts created.</summary>
    public FakePosts Posts { get; }

    /// <summary>URL prefixes verified for PULL_FROM_URL.</summary>
    public List<string> VerifiedPrefixes { get; } = [];

    /// <summary>A publish by its publish_id.</summary>
    public TikTokPublish? Publish(string publishId) => _publishes.TryGetValue(publishId, out var publish) ? publish : null;

    /// <inheritdoc />
    protected override void Map(WebApplication app)
    {
        var pages = new OAuthPages(Accounts);
        app.MapGet("/v2/auth/authorize/", (HttpContext c) => pages.Authorize(c, "client_key", requirePkce: false));
        app.MapPost("/v2/oauth/token/", Handle(Token));
        app.MapPost("/v2/post/publish/creator_info/query/", Handle(CreatorInfo));
        app.MapPost("/v2/post/publish/video/init/", Handle(Init));
        app.MapPut("/upload/{publishId}", Upload);
        app.MapPost("/v2/post/publish/status/fetch/", Handle(Status));
        app.MapPost("/v2/video/query/", Handle(VideoQuery));
        app.MapGet("/v2/user/info/", Handle(UserInfo));
    }

    private async Task<IResult> Token(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (Faults.Take("token") is { } fault && Refusal(fault) is { } refused)
        {
            return refused;
        }
        if (!Accounts.IsApp(form["client_key"], form["client_secret"]))
        {
            return TokenError(401, "invalid_client", "client_key or client_secret is wrong");
        }
        FakeTokens? tokens;
        if (form["grant_type"] == "authorization_code")
        {
            tokens = Accounts.Exchange(form["code"]);
        }
        else if (form["grant_type"] == "refresh_token")
        {
            tokens = Accounts.Refresh(form["refresh_token"], Faults.RefuseRefresh);
            // A refused refresh is counted too: a rotated-out refresh token used again shows up here.
            Counters.Add(tokens is null ? "refresh-refused" : "refresh");
        }
        else
        {
            return TokenError(400, "unsupported_grant_type", "grant_type is not supported");
        }
        return tokens is null
            ? TokenError(400, "invalid_grant", "The code or refresh token is invalid, expired or already used.")
            : Results.Json(new
            {
                access_token = tokens.AccessToken,
                expires_in = tokens.ExpiresIn,
                open_id = tokens.UserId,
                refresh_token = tokens.RefreshToken,
                refresh_expires_in = tokens.RefreshExpiresIn,
                scope = "user.info.basic,user.info.stats,video.publish,video.list",
                token_type = "Bearer",
            });
    }

    private async Task<IResult> CreatorInfo(HttpContext context)
    {
        if (Gate(context, "creator_info", out var user) is { } refused)
        {
            return refused;
        }
        await Task.CompletedTask;
        var profile = Accounts.User(user);
        return Ok(new JsonObject
        {
            ["creator_username"] = profile.Id,
            ["creator_nickname"] = profile.Id,
            ["privacy_level_options"] = new JsonArray(profile.PrivacyLevels.Select(p => (JsonNode)p).ToArray()),
            ["max_video_post_duration_sec"] = 600,
        });
    }

    private async Task<IResult> UserInfo(HttpContext context)
    {
        if (Gate(context, "user_info", out var user) is { } refused)
        {
            return refused;
        }
        await Task.CompletedTask;
        return Ok(new JsonObject { ["user"] = new JsonObject { ["open_id"] = user, ["follower_count"] = Accounts.User(user).Followers } });
    }

    private async Task<IResult> VideoQuery(HttpContext context)
    {
        if (Gate(context, "video_query", out var user) is { } refused)
        {
            return refused;
        }
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var ids = body?["filters"]?["video_ids"]?.AsArray().Select(n => n!.GetValue<string>()).ToArray() ?? [];
        if (ids.Length is 0 or > 20)
        {
            return Error(400, "invalid_params", "video_ids must hold 1 to 20 ids");
        }
        var videos = new JsonArray();
        foreach (var post in ids.Select(Posts.Find).Where(p => p is not null && p.UserId == user))
        {
            var (views, likes, comments, shares) = Posts.Engagement(post!);
            videos.Add(new JsonObject { ["id"] = post!.Id, ["view_count"] = views, ["like_count"] = likes, ["comment_count"] = comments, ["share_count"] = shares });
        }
        return Ok(new JsonObject { ["videos"] = videos, ["cursor"] = 0, ["has_more"] = false });
    }

    /// <summary>Checks the bearer token and takes the operation's fault; a result means "answer this instead".</summary>
    private IResult? Gate(HttpContext context, string operation, out string user)
    {
        user = Authenticate(operation, Bearer(context), out var fault);
        if (fault is not null)
        {
            if (Refusal(fault) is { } refused)
            {
                return refused;
            }
            else if (fault.Kind == FaultKind.DropAnswer)
            {
                context.Items["drop"] = true;
            }
        }
        return user.Length == 0 ? Error(401, "access_token_invalid", "The access token is invalid or not found in the request.") : null;
    }

    private static IResult? Refusal(Fault fault) => fault.Kind switch
    {
        FaultKind.RateLimited => new RetryAfterResult(Error(429, "rate_limit_exceeded", "The API rate limit was exceeded."), fault.RetryAfterSeconds),
        FaultKind.ServerError => Error(500, "internal_error", "Something went wrong."),
        FaultKind.Refuse => Error(403, fault.Code ?? "spam_risk_too_many_posts", "Refused by the fake."),
        _ => null,
    };

    private static IResult Ok(JsonObject data) =>
        Results.Json(new JsonObject { ["data"] = data, ["error"] = new JsonObject { ["code"] = "ok", ["message"] = "", ["log_id"] = "fake" } });

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new JsonObject { ["data"] = new JsonObject(), ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["log_id"] = "fake" } }, statusCode: status);

    private static IResult TokenError(int status, string error, string description) =>
        Results.Json(new { error, error_description = description, log_id = "fake" }, statusCode: status);
}
