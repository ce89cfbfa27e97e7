using System.Globalization;
using System.Net.Http.Json;
using Campaigns.Domain.Accounts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Campaigns.Connectors.Platforms.Douyin;

/// <summary>
/// Douyin part upload, then <c>create_video</c>. Begin opens a part upload (its upload_id is the handle); Continue
/// sends the parts, marks them sent, completes the upload (video_id, the next handle) and creates the post
/// (item_id). Nothing is posted before <c>create_video</c>; its answer, once lost, cannot be looked up: unconfirmed.
/// </summary>
public sealed partial class DouyinConnector(
    IHttpClientFactory clients, IOptionsMonitor<DouyinOptions> options, MediaSource media, TimeProvider clock, ILogger<DouyinConnector> logger)
    : IPlatformConnector
{
    /// <summary>Parts are being sent (Detail "sent" once all are): the handle is the upload_id.</summary>
    public const string PartsStage = "parts";

    /// <summary>The upload is complete: the handle is the video_id, and the next step creates the post.</summary>
    public const string VideoStage = "video";

    private const string AllSent = "sent";

    /// <inheritdoc />
    public ConnectorType Type => ConnectorType.Douyin;

    /// <inheritdoc />
    public Platform Platform => Platform.Douyin;

    /// <summary><c>video_data</c> takes a list of item ids (20 assumed).</summary>
    public int MetricsBatchSize => 20;

    private DouyinOptions Settings => options.CurrentValue;

    /// <inheritdoc />
    public async Task<PublishStep> BeginAsync(PlatformPost post, PlatformCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var size = await media.CheckedSizeAsync(Platform, post, "limits", cancellationToken);
        if (!size.Ok)
        {
            return PublishStep.Fail(null, size.Failure!);
        }
        var call = await PostAsync("api/douyin/v1/video/init_video_part_upload/", credential, "", JsonContent.Create(new { }), cancellationToken);
        if (DouyinErrors.Of(call) is { } failure)
        {
            return PublishStep.Fail(null, failure);
        }
        if (call.Json.Str("data", "upload_id") is not { } uploadId)
        {
            return PublishStep.Fail(null, new(FailureKind.Transient, "bad_answer", "Douyin opened no part upload."));
        }
        LogUpload(logger, post.PushId);
        return PublishStep.Next(new PublishHandle(Type, PartsStage, uploadId, null, size.Value, Settings.PartBytes));
    }

    /// <inheritdoc />
    public async Task<PublishStep> ContinueAsync(
        PublishHandle handle, PlatformPost post, PlatformCredential credential, IProgress<long>? uploaded, CancellationToken cancellationToken)
    {
        RequireOwn(handle);
        ArgumentNullException.ThrowIfNull(post);
        return handle switch
        {
            { Stage: VideoStage } => await CreateAsync(handle, post, credential, cancellationToken),
            { Detail: AllSent } => await CompleteAsync(handle, credential, cancellationToken),
            _ => await SendPartsAsync(handle, post.MediaUrl, credential, uploaded, cancellationToken),
        };
    }

    /// <summary>Douyin offers no lookup by upload or video id: the handle says only which step comes next.</summary>
    public Task<PublishStep> StatusAsync(PublishHandle handle, PlatformCredential credential, CancellationToken cancellationToken)
    {
        RequireOwn(handle);
        return Task.FromResult(PublishStep.Next(handle));
    }

    /// <inheritdoc />
    public async Task<PlatformResult<IReadOnlyList<PostMetrics>>> MetricsAsync(
        IReadOnlyList<string> postIds, PlatformCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(postIds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(postIds.Count, MetricsBatchSize, nameof(postIds));
        var call = await PostAsync("api/douyin/v1/video/video_data/", credential, "", JsonContent.Create(new { item_ids = postIds }), cancellationToken);
        if (DouyinErrors.Of(call) is { } failure)
        {
            return PlatformResult<IReadOnlyList<PostMetrics>>.Fail(failure);
        }
        var now = clock.GetUtcNow();
        return PlatformResult<IReadOnlyList<PostMetrics>>.Success(call.Json.Items("data", "list").Select(v => new PostMetrics(
            v.Str("item_id") ?? "", v.Long("statistics", "play_count") ?? 0, v.Long("statistics", "digg_count") ?? 0,
            v.Long("statistics", "comment_count") ?? 0, v.Long("statistics", "share_count") ?? 0, now)).ToArray());
    }

    /// <summary>The latest day's total in <c>/data/external/user/fans/</c> (Douyin reports fans by day).</summary>
    public async Task<PlatformResult<long>> FollowersAsync(PlatformCredential credential, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Settings.Api($"data/external/user/fans/?open_id={Open(credential)}&date_type=7"));
        request.Headers.Add("access-token", credential.AccessToken);
        var call = await PlatformCall.SendAsync(Http(), request, cancellationToken);
        return DouyinErrors.Of(call) is { } failure
            ? PlatformResult<long>.Fail(failure)
            : PlatformResult<long>.Success(call.Json.Items("data", "result_list").Select(d => d.Long("total_fans") ?? 0).LastOrDefault());
    }

    private async Task<PublishStep> SendPartsAsync(PublishHandle handle, Uri mediaUrl, PlatformCredential credential, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        // Douyin documents no way to ask which parts arrived; parts are numbered, so all are sent again after a break.
        var opened = await media.OpenAsync(mediaUrl, 0, cancellationToken);
        if (!opened.Ok)
        {
            return PublishStep.Fail(handle, opened.Failure!);
        }
        await using var source = opened.Value!;
        var size = handle.Size!.Value;
        var partBytes = handle.ChunkSize!.Value;
        if (source.Size != size)
        {
            return PublishStep.Fail(null, new(FailureKind.Refused, "media_changed", $"The media now has {source.Size} bytes, not {size}."));
        }
        var parts = (int)((size + partBytes - 1) / partBytes);
        for (var number = 1; number <= parts; number++)
        {
            var length = Math.Min(partBytes, size - source.Position);
            using var form = new MultipartFormDataContent { { source.Next(length, "video/mp4", progress), "video", "part.mp4" } };
            var call = await PostAsync("api/douyin/v1/video/upload_video_part/", credential,
                $"&upload_id={Uri.EscapeDataString(handle.Id)}&part_number={number.ToString(CultureInfo.InvariantCulture)}", form, cancellationToken);
            if (DouyinErrors.Of(call) is { } failure)
            {
                return PublishStep.Fail(handle, failure);
            }
        }
        return PublishStep.Next(handle with { Detail = AllSent });
    }

    private async Task<PublishStep> CompleteAsync(PublishHandle handle, PlatformCredential credential, CancellationToken cancellationToken)
    {
        var call = await PostAsync("api/douyin/v1/video/complete_video_part_upload/", credential,
            $"&upload_id={Uri.EscapeDataString(handle.Id)}", JsonContent.Create(new { }), cancellationToken);
        if (DouyinErrors.Of(call) is { } failure)
        {
            return PublishStep.Fail(handle, failure);
        }
        return call.Json.Str("data", "video", "video_id") is { } videoId
            ? PublishStep.Next(new PublishHandle(Type, VideoStage, videoId))
            : PublishStep.Fail(handle, new(FailureKind.Transient, "bad_answer", "Douyin completed the upload without a video_id."));
    }

    private async Task<PublishStep> CreateAsync(PublishHandle handle, PlatformPost post, PlatformCredential credential, CancellationToken cancellationToken)
    {
        var call = await PostAsync("api/douyin/v1/video/create_video/", credential, "",
            JsonContent.Create(new { video_id = handle.Id, text = post.Text() }), cancellationToken);
        if (!call.Answered)
        {
            return call.MayHaveReached
                ? PublishStep.Lost(handle, $"create_video got no answer ({call.Error}); the post may exist and nothing can look it up.")
                : PublishStep.Fail(handle, call.NoAnswer());
        }
        if (DouyinErrors.Of(call) is { } failure)
        {
            return PublishStep.Fail(handle, failure);
        }
        return call.Json.Str("data", "item_id") is { } itemId
            ? PublishStep.Done(handle, itemId, clock.GetUtcNow())
            : PublishStep.Lost(handle, "create_video succeeded without an item_id.");
    }

    private async Task<PlatformCall> PostAsync(string path, PlatformCredential credential, string query, HttpContent content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Settings.Api($"{path}?open_id={Open(credential)}{query}")) { Content = content };
        request.Headers.Add("access-token", credential.AccessToken);
        var client = content is MultipartFormDataContent ? clients.CreateClient(PlatformHttp.UploadClient(Settings.Name)) : Http();
        return await PlatformCall.SendAsync(client, request, cancellationToken);
    }

    private HttpClient Http() => clients.CreateClient(PlatformHttp.ApiClient(Settings.Name));

    private static string Open(PlatformCredential credential) =>
        Uri.EscapeDataString((credential ?? throw new ArgumentNullException(nameof(credential))).UserId
                             ?? throw new ArgumentException("Douyin needs the user's open_id.", nameof(credential)));

    private void RequireOwn(PublishHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (handle.Type != Type || (handle.Stage == PartsStage && (handle.Size is null || handle.ChunkSize is null)))
        {
            throw new ArgumentException($"Not a complete Douyin handle: {handle.Type} {handle.Stage}.", nameof(handle));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Douyin part upload opened for push {PushId}")]
    private static partial void LogUpload(ILogger logger, string pushId);
}
