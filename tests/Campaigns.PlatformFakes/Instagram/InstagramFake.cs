using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Campaigns.PlatformFakes.Instagram;

/// <summary>
/// Business Login for Instagram and the content publishing API (REELS containers), insights and profile, in memory.
/// Operations for faults: <c>token</c>, <c>container</c>, <c>container_status</c>, <c>publish</c>, <c>media_list</c>,
/// <c>insights</c>, <c>profile</c>, <c>publishing_limit</c>. A post is created by <c>media_publish</c>.
/// </summary>
public sealed class InstagramFake : FakeServer
{
    private readonly ConcurrentDictionary<string, Container> _containers = new(StringComparer.Ordinal);
    private readonly OAuthPages _pages;
    private long _nextContainer = 17_900_000_000_000_000;

    /// <summary>A fake on the system clock, or on <paramref name="clock"/>.</summary>
    public InstagramFake(TimeProvider? clock = null) : base(clock)
    {
        Posts = new FakePosts(Clock, Counters);
        Accounts.AccessLifetime = TimeSpan.FromDays(60);
        _pages = new OAuthPages(Accounts);
    }

    /// <summary>The media published.</summary>
    public FakePosts Posts { get; }

    /// <summary>The publishing quota content_publishing_limit reports.</summary>
    public int QuotaTotal { get; set; } = 50;

    /// <summary>Makes a container expire unpublished.</summary>
    public void ExpireContainer(string id)
    {
        if (_containers.TryGetValue(id, out var container))
        {
            container.Expired = true;
        }
    }

    /// <inheritdoc />
    protected override void Map(WebApplication app)
    {
        app.MapGet("/oauth/authorize", (HttpContext c) => _pages.Authorize(c, "client_id", requirePkce: false));
        app.MapPost("/oauth/access_token", Handle(ShortLived));
        app.MapGet("/access_token", Handle(c => Task.FromResult(LongLived(c, "ig_exchange_token"))));
        app.MapGet("/refresh_access_token", Handle(c => Task.FromResult(LongLived(c, "ig_refresh_token"))));
        app.MapPost("/{version}/{user}/media", (HttpContext c, string user) => CreateContainer(c, user));
        app.MapPost("/{version}/{user}/media_publish", (HttpContext c, string user) => Publish(c, user));
        app.MapGet("/{version}/{user}/media", (HttpContext c, string user) => MediaList(c, user));
        app.MapGet("/{version}/{user}/content_publishing_limit", (HttpContext c, string user) => PublishingLimit(c, user));
        app.MapGet("/{version}/{id}/insights", (HttpContext c, string id) => Insights(c, id));
        app.MapGet("/{version}/{id}", (HttpContext c, string id) => Node(c, id));
    }

    private async Task<IResult> ShortLived(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (Refusal(Faults.Take("token")) is { } refused)
        {
            return refused;
        }
        if (!Accounts.IsApp(form["client_id"], form["client_secret"]))
        {
            return Error(400, 101, "Error validating client secret.");
        }
        if (!_pages.Matches(form["code"], form["redirect_uri"], null) || Accounts.Exchange(form["code"]) is not { } tokens)
        {
            return Error(400, 100, "This authorization code has been used or is invalid.", type: "OAuthException");
        }
        return Results.Json(new JsonObject
        {
            ["data"] = new JsonArray(new JsonObject
            {
                ["access_token"] = tokens.AccessToken,
                ["user_id"] = tokens.UserId,
                ["permissions"] = "instagram_business_basic,instagram_business_content_publish,instagram_business_manage_insights",
            }),
        });
    }

    /// <summary>ig_exchange_token (short-lived → long-lived) and ig_refresh_token (long-lived → new long-lived).</summary>
    private IResult LongLived(HttpContext context, string grant)
    {
        if (Refusal(Faults.Take("token")) is { } refused)
        {
            return refused;
        }
        var query = context.Request.Query;
        if (query["grant_type"] != grant || (grant == "ig_exchange_token" && query["client_secret"] != Accounts.ClientSecret))
        {
            return Error(400, 100, "Invalid grant_type or client_secret.");
        }
        var token = Bearer(context) ?? query["access_token"].ToString();
        if (grant == "ig_refresh_token" && Faults.RefuseRefresh)
        {
            Accounts.Expire(token);
        }
        if (Accounts.RefreshAccess(token) is not { } tokens)
        {
            return Error(400, 190, "Error validating access token: Session has expired.", type: "OAuthException");
        }
        Accounts.Expire(token);
        if (grant == "ig_refresh_token")
        {
            Counters.Add("refresh");
        }
        return Results.Json(new { access_token = tokens.AccessToken, token_type = "bearer", expires_in = tokens.ExpiresIn });
    }

    private async Task<IResult> CreateContainer(HttpContext context, string user)
    {
        if (Gate(context, "container", user) is { } refused)
        {
            return refused;
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["media_type"] != "REELS" || !Uri.TryCreate(form["video_url"], UriKind.Absolute, out _))
        {
            return Error(400, 100, "media_type REELS and a public video_url are required.");
        }
        var id = Interlocked.Increment(ref _nextContainer).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _containers[id] = new Container(id, user, form["caption"].ToString(), Clock.GetUtcNow(), Faults.FailProcessing);
        Counters.Add("container-ok");
        if (context.Items.ContainsKey("drop"))
        {
            DropAnswer(context);
        }
        return Results.Json(new { id });
    }

    private async Task<IResult> Publish(HttpContext context, string user)
    {
        if (Gate(context, "publish", user) is { } refused)
        {
            return refused;
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (!_containers.TryGetValue(form["creation_id"].ToString(), out var container) || container.User != user)
        {
            return Error(400, 100, "Invalid creation_id.");
        }
        if (StatusOf(container) != "FINISHED")
        {
            return Error(400, 9007, "The media is not ready for publishing, please wait for a moment.");
        }
        container.MediaId = Posts.Create(container.Id, user, container.Caption, 0).Id;
        if (context.Items.ContainsKey("drop"))
        {
            DropAnswer(context);
        }
        return Results.Json(new { id = container.MediaId });
    }

    private IResult Node(HttpContext context, string id)
    {
        if (_containers.TryGetValue(id, out var container))
        {
            return Gate(context, "container_status", container.User)
                   ?? Results.Json(new { id, status_code = StatusOf(container), status = container.Error is null ? "Finished: Media has been uploaded" : $"Error: {container.Error}" });
        }
        return Gate(context, "profile", id) ?? Results.Json(new { id, followers_count = Accounts.User(id).Followers });
    }

    private IResult MediaList(HttpContext context, string user)
    {
        var data = new JsonArray(Posts.Of(user).Take(25).Select(p => (JsonNode)new JsonObject
        {
            ["id"] = p.Id, ["caption"] = p.Text, ["timestamp"] = p.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
        }).ToArray());
        return Gate(context, "media_list", user) ?? Results.Json(new JsonObject { ["data"] = data });
    }

    private IResult Insights(HttpContext context, string id)
    {
        if (Posts.Find(id) is not { } post)
        {
            return Error(400, 100, "Unsupported get request.");
        }
        if (Gate(context, "insights", post.UserId) is { } refused)
        {
            return refused;
        }
        var (views, likes, comments, shares) = Posts.Engagement(post);
        var data = new JsonArray(new (string Name, long Value)[] { ("views", views), ("likes", likes), ("comments", comments), ("shares", shares) }
            .Select(m => (JsonNode)new JsonObject { ["name"] = m.Name, ["period"] = "lifetime", ["values"] = new JsonArray(new JsonObject { ["value"] = m.Value }) }).ToArray());
        return Results.Json(new JsonObject { ["data"] = data });
    }

    private IResult PublishingLimit(HttpContext context, string user)
    {
        var used = Posts.Of(user).Count(p => p.CreatedAt > Clock.GetUtcNow().AddDays(-1));
        return Gate(context, "publishing_limit", user)
               ?? Results.Json(new JsonObject { ["data"] = new JsonArray(new JsonObject { ["quota_usage"] = used, ["config"] = new JsonObject { ["quota_total"] = QuotaTotal, ["quota_duration"] = 86400 } }) });
    }

    private string StatusOf(Container container) =>
        container.MediaId is not null ? "PUBLISHED"
        : container.Expired ? "EXPIRED"
        : Clock.GetUtcNow() < container.CreatedAt + Faults.ProcessingTime ? "IN_PROGRESS"
        : container.Error is not null ? "ERROR"
        : "FINISHED";

    /// <summary>Checks that the token belongs to <paramref name="user"/> ("me" is the token's own) and takes the fault.</summary>
    private IResult? Gate(HttpContext context, string operation, string user)
    {
        var owner = Authenticate(operation, Bearer(context) ?? context.Request.Query["access_token"].ToString(), out var fault);
        if (fault?.Kind == FaultKind.DropAnswer)
        {
            context.Items["drop"] = true;
        }
        if (Refusal(fault) is { } refused)
        {
            return refused;
        }
        return owner.Length == 0 ? Error(400, 190, "Error validating access token: Session has expired.", type: "OAuthException")
            : user != "me" && user != owner ? Error(400, 10, "Application does not have permission for this action.")
            : null;
    }

    private static IResult? Refusal(Fault? fault) => fault?.Kind switch
    {
        FaultKind.RateLimited => new RetryAfterResult(Error(400, 4, "Application request limit reached"), fault.RetryAfterSeconds),
        FaultKind.ServerError => Error(500, 2, "Service temporarily unavailable"),
        FaultKind.Refuse => Error(400, long.Parse(fault.Code ?? "368", System.Globalization.CultureInfo.InvariantCulture), "Refused by the fake."),
        _ => null,
    };

    private static IResult Error(int status, long code, string message, string type = "IGApiException") =>
        Results.Json(new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = code, ["fbtrace_id"] = "fake" } }, statusCode: status);

    private sealed class Container(string id, string user, string caption, DateTimeOffset createdAt, string? error)
    {
        public string Id { get; } = id;
        public string User { get; } = user;
        public string Caption { get; } = caption;
        public DateTimeOffset CreatedAt { get; } = createdAt;
        public string? Error { get; } = error;
        public bool Expired { get; set; }
        public string? MediaId { get; set; }
    }
}
