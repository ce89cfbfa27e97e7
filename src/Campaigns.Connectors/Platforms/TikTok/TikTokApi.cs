using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Campaigns.Connectors.Platforms.TikTok;

/// <summary>TikTok's Content Posting and Display API calls, one method each; answers are classified, not interpreted.</summary>
internal sealed class TikTokApi(IHttpClientFactory clients, IOptionsMonitor<TikTokOptions> options)
{
    /// <summary>What <c>creator_info/query</c> says about the account.</summary>
    public sealed record CreatorInfo(IReadOnlyList<string> PrivacyLevels, int? MaxDurationSeconds);

    /// <summary>What <c>status/fetch</c> says about a publish.</summary>
    public sealed record PublishStatus(string Status, string? FailReason, string? PostId, long UploadedBytes);

    public TikTokOptions Settings => options.CurrentValue;

    public async Task<PlatformResult<CreatorInfo>> CreatorInfoAsync(string token, CancellationToken cancellationToken)
    {
        var call = await PostAsync("v2/post/publish/creator_info/query/", token, new { }, cancellationToken);
        return Read(call, json => new CreatorInfo(
            json.Words("data", "privacy_level_options"),
            (int?)json.Long("data", "max_video_post_duration_sec")));
    }

    /// <summary>The init call; the caller decides what a lost answer means for the source it chose.</summary>
    public Task<PlatformCall> InitAsync(string token, object body, CancellationToken cancellationToken) =>
        PostAsync("v2/post/publish/video/init/", token, body, cancellationToken);

    public async Task<PlatformResult<PublishStatus>> StatusAsync(string token, string publishId, CancellationToken cancellationToken)
    {
        var call = await PostAsync("v2/post/publish/status/fetch/", token, new { publish_id = publishId }, cancellationToken);
        return Read(call, json => new PublishStatus(
            json.Str("data", "status") ?? "",
            json.Str("data", "fail_reason"),
            json.Items("data", "publicaly_available_post_id").Select(e => e.ToString()).FirstOrDefault(),
            json.Long("data", "uploaded_bytes") ?? 0));
    }

    /// <summary>Sends one chunk to the upload URL with its Content-Range.</summary>
    public async Task<PlatformCall> PutChunkAsync(Uri uploadUrl, HttpContent chunk, long start, long length, long total, CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(PlatformHttp.UploadClient(Settings.Name));
        using var request = new HttpRequestMessage(HttpMethod.Put, uploadUrl) { Content = chunk };
        chunk.Headers.ContentRange = new ContentRangeHeaderValue(start, start + length - 1, total);
        return await PlatformCall.SendAsync(http, request, cancellationToken);
    }

    public async Task<PlatformResult<IReadOnlyList<PostMetrics>>> VideosAsync(
        string token, IReadOnlyList<string> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var call = await PostAsync(
            "v2/video/query/?fields=id,view_count,like_count,comment_count,share_count", token,
            new { filters = new { video_ids = ids } }, cancellationToken);
        return Read<IReadOnlyList<PostMetrics>>(call, json => json.Items("data", "videos").Select(v => new PostMetrics(
            v.Str("id") ?? "", v.Long("view_count") ?? 0, v.Long("like_count") ?? 0,
            v.Long("comment_count") ?? 0, v.Long("share_count") ?? 0, now)).ToArray());
    }

    public async Task<PlatformResult<long>> FollowersAsync(string token, CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(PlatformHttp.ApiClient(Settings.Name));
        using var request = new HttpRequestMessage(HttpMethod.Get, Settings.Api("v2/user/info/?fields=open_id,follower_count"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var call = await PlatformCall.SendAsync(http, request, cancellationToken);
        return Read(call, json => json.Long("data", "user", "follower_count") ?? 0);
    }

    /// <summary>The failure an answered call carries, if any.</summary>
    public static PlatformFailure? FailureOf(PlatformCall call) =>
        call.Answered
            ? TikTokErrors.Classify(call.Status!.Value, call.Json.Str("error", "code"), call.Json.Str("error", "message"), call.RetryAfter)
            : call.NoAnswer();

    private async Task<PlatformCall> PostAsync(string path, string token, object body, CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(PlatformHttp.ApiClient(Settings.Name));
        using var request = new HttpRequestMessage(HttpMethod.Post, Settings.Api(path)) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await PlatformCall.SendAsync(http, request, cancellationToken);
    }

    private static PlatformResult<T> Read<T>(PlatformCall call, Func<System.Text.Json.JsonElement?, T> read) =>
        FailureOf(call) is { } failure ? PlatformResult<T>.Fail(failure) : PlatformResult<T>.Success(read(call.Json));
}
