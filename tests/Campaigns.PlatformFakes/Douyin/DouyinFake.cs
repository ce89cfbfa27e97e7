using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Campaigns.PlatformFakes.Douyin;

/// <summary>
/// Douyin's OAuth (refresh keeps the refresh token; renewal replaces it, at most five times) and the part upload,
/// create_video, video_data and fans APIs, in memory. Operations for faults: <c>token</c>, <c>init</c>, <c>part</c>,
/// <c>complete</c>, <c>create_video</c>, <c>video_data</c>, <c>fans</c>. A post is created by create_video.
/// </summary>
public sealed partial class DouyinFake : FakeServer
{
    /// <summary>Renewals of a refresh token Douyin allows per authorization.</summary>
    public const int MaxRenewals = 5;

    private readonly ConcurrentDictionary<string, PartUpload> _uploads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _videos = new(StringComparer.Ordinal); // video_id → user
    private readonly ConcurrentDictionary<string, int> _renewals = new(StringComparer.Ordinal);
    private readonly OAuthPages _pages;

    /// <summary>A fake on the system clock, or on <paramref name="clock"/>.</summary>
    public DouyinFake(TimeProvider? clock = null) : base(clock)
    {
        Posts = new FakePosts(Clock, Counters);
        Accounts.RotateRefreshTokens = false;
        Accounts.AccessLifetime = TimeSpan.FromDays(15);
        Accounts.RefreshLifetime = TimeSpan.FromDays(30);
        _pages = new OAuthPages(Accounts);
    }

    /// <summary>The posts created.</summary>
    public FakePosts Posts { get; }

    /// <inheritdoc />
    protected override void Map(WebApplication app)
    {
        app.MapGet("/platform/oauth/connect/", (HttpContext c) => _pages.Authorize(c, "client_key", requirePkce: false));
        app.MapPost("/oauth/access_token/", Handle(AccessToken));
        app.MapPost("/oauth/refresh_token/", Handle(RefreshToken));
        app.MapPost("/oauth/renew_refresh_token/", Handle(RenewRefreshToken));
        app.MapPost("/api/douyin/v1/video/init_video_part_upload/", Handle(Init));
        app.MapPost("/api/douyin/v1/video/upload_video_part/", Handle(Part));
        app.MapPost("/api/douyin/v1/video/complete_video_part_upload/", Handle(Complete));
        app.MapPost("/api/douyin/v1/video/create_video/", Handle(Create));
        app.MapPost("/api/douyin/v1/video/video_data/", Handle(VideoData));
        app.MapGet("/data/external/user/fans/", Handle(Fans));
    }

    private async Task<IResult> AccessToken(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (Refusal(Faults.Take("token")) is { } refused)
        {
            return refused;
        }
        if (!Accounts.IsApp(form["client_key"], form["client_secret"]))
        {
            return Error(10013, "client_key或client_secret错误");
        }
        return Accounts.Exchange(form["code"]) is { } tokens ? Tokens(tokens) : Error(10007, "授权码过期");
    }

    private async Task<IResult> RefreshToken(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (Refusal(Faults.Take("token")) is { } refused)
        {
            return refused;
        }
        if (form["client_key"] != Accounts.ClientKey || Accounts.Refresh(form["refresh_token"], Faults.RefuseRefresh) is not { } tokens)
        {
            return Error(10010, "refresh_token过期");
        }
        Counters.Add("refresh");
        return Tokens(tokens);
    }

    private async Task<IResult> RenewRefreshToken(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var token = form["refresh_token"].ToString();
        if (form["client_key"] != Accounts.ClientKey)
        {
            return Error(10013, "client_key错误");
        }
        var user = _renewals.GetOrAdd(token, 0);
        if (user >= MaxRenewals)
        {
            return Error(10020, "超过刷新次数限制");
        }
        if (Accounts.Renew(token) is not { } renewed)
        {
            return Error(10010, "refresh_token过期");
        }
        _renewals[renewed.RefreshToken!] = user + 1;
        Counters.Add("renew");
        return Results.Json(new JsonObject
        {
            ["data"] = new JsonObject { ["refresh_token"] = renewed.RefreshToken, ["expires_in"] = renewed.RefreshExpiresIn, ["error_code"] = 0, ["description"] = "" },
            ["message"] = "success",
        });
    }

    private IResult Tokens(FakeTokens tokens) => Results.Json(new JsonObject
    {
        ["data"] = new JsonObject
        {
            ["access_token"] = tokens.AccessToken,
            ["expires_in"] = tokens.ExpiresIn,
            ["open_id"] = tokens.UserId,
            ["refresh_token"] = tokens.RefreshToken,
            // Refreshing keeps the refresh token and its expiry; answered as a string, as Douyin's example does.
            ["refresh_expires_in"] = tokens.RefreshExpiresIn.ToString(CultureInfo.InvariantCulture),
            ["scope"] = "user_info,video.create.bind,video.data.bind,data.external.user",
            ["error_code"] = 0,
            ["description"] = "",
        },
        ["message"] = "success",
    });

    /// <summary>Checks <c>access-token</c> against <c>open_id</c> and takes the operation's fault.</summary>
    private IResult? Gate(HttpContext context, string operation, out string user, out Fault? fault)
    {
        user = Authenticate(operation, context.Request.Headers["access-token"].ToString(), out fault);
        if (Refusal(fault) is { } refused)
        {
            return refused;
        }
        return user.Length == 0 || context.Request.Query["open_id"] != user ? Error(2190008, "access_token过期,请刷新或重新授权") : null;
    }

    private static IResult? Refusal(Fault? fault) => fault?.Kind switch
    {
        FaultKind.RateLimited => new RetryAfterResult(Results.StatusCode(429), fault.RetryAfterSeconds),
        FaultKind.ServerError => Results.StatusCode(502),
        FaultKind.Refuse => Error(long.Parse(fault.Code ?? "2100005", CultureInfo.InvariantCulture), "Refused by the fake."),
        _ => null,
    };

    private static IResult Ok(JsonObject data)
    {
        data["error_code"] = 0;
        data["description"] = "";
        return Results.Json(new JsonObject { ["data"] = data, ["extra"] = new JsonObject { ["error_code"] = 0, ["description"] = "", ["logid"] = "fake" } });
    }

    private static IResult Error(long code, string description) =>
        Results.Json(new JsonObject
        {
            ["data"] = new JsonObject { ["error_code"] = code, ["description"] = description },
            ["extra"] = new JsonObject { ["error_code"] = code, ["description"] = description, ["logid"] = "fake" },
        });

    private static string NewId(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
}
