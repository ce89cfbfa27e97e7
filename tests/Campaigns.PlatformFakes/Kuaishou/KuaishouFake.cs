using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Campaigns.PlatformFakes.Kuaishou;

/// <summary>
/// Kuaishou's OAuth (refresh rotates the refresh token) and the photo upload (start_upload, fragment, resume,
/// complete), publish, info and user_info APIs, in memory; the upload host is the fake itself. Operations for
/// faults: <c>token</c>, <c>start_upload</c>, <c>resume</c>, <c>fragment</c>, <c>complete</c>, <c>publish</c>,
/// <c>photo_info</c>, <c>user_info</c>. A post is created by publish.
/// </summary>
public sealed class KuaishouFake : FakeServer
{
    private readonly ConcurrentDictionary<string, Upload> _uploads = new(StringComparer.Ordinal);
    private readonly OAuthPages _pages;

    /// <summary>A fake on the system clock, or on <paramref name="clock"/>.</summary>
    public KuaishouFake(TimeProvider? clock = null) : base(clock)
    {
        Posts = new FakePosts(Clock, Counters);
        Accounts.AccessLifetime = TimeSpan.FromHours(48);
        _pages = new OAuthPages(Accounts);
    }

    /// <summary>The posts created.</summary>
    public FakePosts Posts { get; }

    /// <inheritdoc />
    protected override void Map(WebApplication app)
    {
        app.MapGet("/oauth2/authorize", (HttpContext c) => _pages.Authorize(c, "app_id", requirePkce: false));
        app.MapGet("/oauth2/access_token", Handle(c => Task.FromResult(Token(c, refresh: false))));
        app.MapGet("/oauth2/refresh_token", Handle(c => Task.FromResult(Token(c, refresh: true))));
        app.MapPost("/openapi/photo/start_upload", Handle(StartUpload));
        app.MapGet("/api/upload/resume", Handle(Resume));
        app.MapPost("/api/upload/fragment", Handle(Fragment));
        app.MapPost("/api/upload/complete", Handle(Complete));
        app.MapPost("/openapi/photo/publish", Handle(Publish));
        app.MapGet("/openapi/photo/info", Handle(Info));
        app.MapGet("/openapi/user_info", Handle(UserInfo));
    }

    private IResult Token(HttpContext context, bool refresh)
    {
        var query = context.Request.Query;
        if (Refusal(Faults.Take("token")) is { } refused)
        {
            return refused;
        }
        if (!Accounts.IsApp(query["app_id"], query["app_secret"]))
        {
            return Error(100200101, "invalid client");
        }
        var tokens = refresh ? Accounts.Refresh(query["refresh_token"], Faults.RefuseRefresh) : Accounts.Exchange(query["code"]);
        if (tokens is null)
        {
            return Error(refresh ? 100200113 : 100200105, refresh ? "refresh_token过期" : "请求的 code 错误");
        }
        if (refresh)
        {
            Counters.Add("refresh");
        }
        return Results.Json(new JsonObject
        {
            ["result"] = 1,
            ["access_token"] = tokens.AccessToken,
            ["expires_in"] = tokens.ExpiresIn,
            ["refresh_token"] = tokens.RefreshToken,
            ["refresh_token_expires_in"] = tokens.RefreshExpiresIn,
            ["open_id"] = tokens.UserId,
            ["scopes"] = new JsonArray("user_info", "user_video_publish", "user_video_info"),
        });
    }

    private Task<IResult> StartUpload(HttpContext context)
    {
        if (Gate(context, "start_upload", out var user, out _) is { } refused)
        {
            return Task.FromResult(refused);
        }
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        _uploads[token] = new Upload(user);
        return Task.FromResult(Results.Json(new JsonObject { ["result"] = 1, ["upload_token"] = token, ["endpoint"] = BaseUrl.Authority }));
    }

    private Task<IResult> Resume(HttpContext context)
    {
        if (UploadGate(context, "resume", out var upload, out _) is { } refused)
        {
            return Task.FromResult(refused);
        }
        return Task.FromResult(Results.Json(new JsonObject { ["result"] = 1, ["existed"] = upload.Fragments.Count > 0, ["fragment_index"] = upload.Fragments.Count - 1 }));
    }

    private async Task<IResult> Fragment(HttpContext context)
    {
        if (UploadGate(context, "fragment", out var upload, out var fault) is { } refused)
        {
            return refused;
        }
        if (!int.TryParse(context.Request.Query["fragment_id"], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id != upload.Fragments.Count)
        {
            return Error(100400, "fragment_id must continue the upload");
        }
        var stopAfter = fault?.Kind == FaultKind.Interrupt ? fault.AfterBytes : (long?)null;
        var (received, intact) = await MediaPattern.ReceiveAsync(context.Request.Body, id * upload.FragmentSize, stopAfter, context.RequestAborted);
        if (stopAfter is not null)
        {
            DropAnswer(context);
            return Results.Empty;
        }
        if (!intact || received == 0)
        {
            return Error(100400, "fragment bytes are wrong");
        }
        if (id == 0)
        {
            upload.FragmentSize = received;
        }
        upload.Fragments.Add(received);
        Counters.Add("upload-bytes", received);
        return Results.Json(new JsonObject { ["result"] = 1 });
    }

    private Task<IResult> Complete(HttpContext context)
    {
        if (UploadGate(context, "complete", out var upload, out var fault) is { } refused)
        {
            return Task.FromResult(refused);
        }
        if (context.Request.Query["fragment_count"] != upload.Fragments.Count.ToString(CultureInfo.InvariantCulture))
        {
            return Task.FromResult(Error(120002, "视频未上传成功"));
        }
        upload.Complete = true;
        if (fault?.Kind == FaultKind.DropAnswer)
        {
            DropAnswer(context);
        }
        return Task.FromResult(Results.Json(new JsonObject { ["result"] = 1 }));
    }

    private async Task<IResult> Publish(HttpContext context)
    {
        if (Gate(context, "publish", out var user, out var fault) is { } refused)
        {
            return refused;
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (!_uploads.TryGetValue(context.Request.Query["upload_token"].ToString(), out var upload) || upload.User != user || !upload.Complete)
        {
            return Error(120002, "视频未上传成功");
        }
        if (Faults.FailProcessing is { } reason)
        {
            return Error(long.Parse(reason, CultureInfo.InvariantCulture), "视频发布失败");
        }
        var post = Posts.Create(context.Request.Query["upload_token"].ToString(), user, form["caption"].ToString(), upload.Fragments.Sum());
        if (fault?.Kind == FaultKind.DropAnswer)
        {
            DropAnswer(context);
        }
        return Results.Json(new JsonObject { ["result"] = 1, ["video_info"] = Info(post) });
    }

    private Task<IResult> Info(HttpContext context)
    {
        if (Gate(context, "photo_info", out var user, out _) is { } refused)
        {
            return Task.FromResult(refused);
        }
        return Task.FromResult(Posts.Find(context.Request.Query["photo_id"].ToString()) is { } post && post.UserId == user
            ? Results.Json(new JsonObject { ["result"] = 1, ["video_info"] = Info(post) })
            : Error(120001, "视频不存在"));
    }

    private Task<IResult> UserInfo(HttpContext context) =>
        Task.FromResult(Gate(context, "user_info", out var user, out _)
            ?? Results.Json(new JsonObject { ["result"] = 1, ["user_info"] = new JsonObject { ["name"] = user, ["fan"] = Accounts.User(user).Followers, ["follow"] = 12 } }));

    private JsonObject Info(FakePost post)
    {
        var (views, likes, comments, _) = Posts.Engagement(post);
        return new JsonObject
        {
            ["photo_id"] = post.Id, ["caption"] = post.Text, ["create_time"] = post.CreatedAt.ToUnixTimeMilliseconds(),
            ["like_count"] = likes, ["comment_count"] = comments, ["view_count"] = views, ["pending"] = false,
        };
    }

    private IResult? Gate(HttpContext context, string operation, out string user, out Fault? fault)
    {
        user = Authenticate(operation, context.Request.Query["access_token"].ToString(), out fault);
        if (Refusal(fault) is { } refused)
        {
            return refused;
        }
        return context.Request.Query["app_id"] != Accounts.ClientKey ? Error(100200101, "invalid app")
            : user.Length == 0 ? Error(100200108, "access_token过期")
            : null;
    }

    private IResult? UploadGate(HttpContext context, string operation, out Upload upload, out Fault? fault)
    {
        Counters.Add(operation);
        fault = Faults.Take(operation);
        if (!_uploads.TryGetValue(context.Request.Query["upload_token"].ToString(), out upload!))
        {
            return Error(100400, "unknown upload_token");
        }
        return Refusal(fault);
    }

    private static IResult? Refusal(Fault? fault) => fault?.Kind switch
    {
        FaultKind.RateLimited => new RetryAfterResult(Error(400002, "api限速"), fault.RetryAfterSeconds),
        FaultKind.ServerError => Error(100200500, "服务内部错误"),
        FaultKind.Refuse => Error(long.Parse(fault.Code ?? "120003", CultureInfo.InvariantCulture), "Refused by the fake."),
        _ => null,
    };

    private static IResult Error(long result, string message) => Results.Json(new JsonObject { ["result"] = result, ["error_msg"] = message });

    private sealed class Upload(string user)
    {
        public string User { get; } = user;
        public long FragmentSize { get; set; }
        public List<long> Fragments { get; } = [];
        public bool Complete { get; set; }
    }
}
