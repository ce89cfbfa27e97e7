using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Campaigns.PlatformFakes.Douyin;

public sealed partial class DouyinFake
{
    /// <summary>The smallest part but the last.</summary>
    public const long MinPart = 5 * 1024 * 1024;

    private Task<IResult> Init(HttpContext context)
    {
        if (Gate(context, "init", out var user, out _) is { } refused)
        {
            return Task.FromResult(refused);
        }
        var id = NewId("@upload");
        _uploads[id] = new PartUpload(user);
        return Task.FromResult(Ok(new JsonObject { ["upload_id"] = id }));
    }

    private async Task<IResult> Part(HttpContext context)
    {
        if (Gate(context, "part", out var user, out var fault) is { } refused)
        {
            return refused;
        }
        if (!_uploads.TryGetValue(context.Request.Query["upload_id"].ToString(), out var upload) || upload.User != user
            || !int.TryParse(context.Request.Query["part_number"], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return Error(2100005, "参数错误");
        }
        if (fault?.Kind == FaultKind.Interrupt)
        {
            await MediaPattern.ReceiveAsync(context.Request.Body, 0, fault.AfterBytes, context.RequestAborted);
            DropAnswer(context);
            return Results.Empty;
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form.Files["video"] is not { } file)
        {
            return Error(2100005, "video is required");
        }
        var offset = number == 1 ? 0 : (number - 1) * upload.PartSize;
        await using var body = file.OpenReadStream();
        var (received, intact) = await MediaPattern.ReceiveAsync(body, offset, null, context.RequestAborted);
        if (!intact)
        {
            return Error(2100005, "分片内容错误");
        }
        if (number == 1)
        {
            upload.PartSize = received;
        }
        upload.Parts[number] = received;
        Counters.Add("upload-bytes", received);
        return Ok(new JsonObject());
    }

    private Task<IResult> Complete(HttpContext context)
    {
        if (Gate(context, "complete", out var user, out var fault) is { } refused)
        {
            return Task.FromResult(refused);
        }
        if (!_uploads.TryGetValue(context.Request.Query["upload_id"].ToString(), out var upload) || upload.User != user)
        {
            return Task.FromResult(Error(2100005, "参数错误"));
        }
        var count = upload.Parts.Count;
        if (count == 0 || Enumerable.Range(1, count).Any(n => !upload.Parts.ContainsKey(n))
            || Enumerable.Range(1, count - 1).Any(n => upload.Parts[n] != upload.PartSize || upload.PartSize < MinPart))
        {
            return Task.FromResult(Error(2100005, "分片不完整"));
        }
        upload.VideoId ??= NewId("v0200f");
        _videos[upload.VideoId] = user;
        if (fault?.Kind == FaultKind.DropAnswer)
        {
            DropAnswer(context);
        }
        return Task.FromResult(Ok(new JsonObject { ["video"] = new JsonObject { ["video_id"] = upload.VideoId, ["width"] = 720, ["height"] = 1280 } }));
    }

    private async Task<IResult> Create(HttpContext context)
    {
        if (Gate(context, "create_video", out var user, out var fault) is { } refused)
        {
            return refused;
        }
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var videoId = body?["video_id"]?.GetValue<string>() ?? "";
        if (!_videos.TryGetValue(videoId, out var owner) || owner != user)
        {
            return Error(2100005, "video_id无效");
        }
        if (Faults.FailProcessing is { } reason)
        {
            return Error(long.Parse(reason, CultureInfo.InvariantCulture), "视频审核不通过");
        }
        var post = Posts.Create(videoId, user, body?["text"]?.GetValue<string>() ?? "", 0);
        if (fault?.Kind == FaultKind.DropAnswer)
        {
            DropAnswer(context);
        }
        return Ok(new JsonObject { ["item_id"] = post.Id });
    }

    private async Task<IResult> VideoData(HttpContext context)
    {
        if (Gate(context, "video_data", out var user, out _) is { } refused)
        {
            return refused;
        }
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var list = new JsonArray();
        foreach (var post in (body?["item_ids"]?.AsArray() ?? []).Select(n => Posts.Find(n!.GetValue<string>())).Where(p => p?.UserId == user))
        {
            var (views, likes, comments, shares) = Posts.Engagement(post!);
            list.Add(new JsonObject { ["item_id"] = post!.Id, ["statistics"] = new JsonObject { ["play_count"] = views, ["digg_count"] = likes, ["comment_count"] = comments, ["share_count"] = shares } });
        }
        return Ok(new JsonObject { ["list"] = list });
    }

    private Task<IResult> Fans(HttpContext context)
    {
        if (Gate(context, "fans", out var user, out _) is { } refused)
        {
            return Task.FromResult(refused);
        }
        var total = Accounts.User(user).Followers;
        var today = Clock.GetUtcNow().Date;
        var days = new JsonArray(Enumerable.Range(1, 7).Select(d => (JsonNode)new JsonObject
        {
            ["date"] = today.AddDays(d - 8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["total_fans"] = total - (7 - d) * 10,
            ["new_fans"] = 10,
        }).ToArray());
        return Task.FromResult(Ok(new JsonObject { ["result_list"] = days }));
    }

    private sealed class PartUpload(string user)
    {
        public string User { get; } = user;
        public long PartSize { get; set; }
        public ConcurrentDictionary<int, long> Parts { get; } = new();
        public string? VideoId { get; set; }
    }
}
