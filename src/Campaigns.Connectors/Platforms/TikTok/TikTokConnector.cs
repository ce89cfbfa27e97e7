
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Videos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
namespace Campaigns.Connectors.Platforms.TikTok;

/// <summary>
/// TikTok Direct Post. Begin: <c>creator_info/query</c> (privacy options, longest video), then
/// <c>video/init</c>, which hands out the publish_id. With FILE_UPLOAD nothing exists until the chunks are sent, so
/// a lost init is simply retried; with PULL_FROM_URL the init itself starts the post, so a lost init is unconfirmed.
/// Continue: <c>status/fetch</c> by publish_id decides everything: upload the chunks from <c>uploaded_bytes</c>,
/// wait while TikTok processes, or report the post id.
/// </summary>
public sealed partial class TikTokConnector(
    IHttpClientFactory clients, IOptionsMonitor<TikTokOptions> options, MediaSource media, TimeProvider clock, ILogger<TikTokConnector> logger)
    : IPlatformConnector
{
    private readonly TikTokApi api = new(clients, options);

    /// <summary>Stage of a FILE_UPLOAD publish: the handle carries the upload URL, size and chunk size.</summary>
    public const string UploadStage = "upload";

    /// <summary>Stage of a PULL_FROM_URL publish: TikTok fetches the media itself.</summary>
    public const string PullStage = "pull";

    /// <summary>How long to wait for the public post id once TikTok says the publish completed (moderation).</summary>
    public static readonly TimeSpan ModerationPoll = TimeSpan.FromSeconds(30);

    private const string VideoType = "video/mp4";

    /// <inheritdoc />
    public ConnectorType Type => ConnectorType.Tiktok;

    /// <inheritdoc />
    public Platform Platform => Platform.Tiktok;

    /// <summary><c>video/query</c> takes at most 20 ids.</summary>
    public int MetricsBatchSize => 20;

    /// <inheritdoc />
    public async Task<PublishStep> BeginAsync(PlatformPost post, PlatformCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(credential);
        if (UploadLimits.Check(Platform, null, post.DurationSeconds) is { } tooLong)
        {
            return PublishStep.Fail(null, new(FailureKind.Refused, "duration_check_failed", tooLong.Message));
        }
        var settings = api.Settings;
        var creator = await api.CreatorInfoAsync(credential.AccessToken, cancellationToken);
        if (!creator.Ok)
        {
            return PublishStep.Fail(null, creator.Failure!);
        }
        if (!creator.Value!.PrivacyLevels.Contains(settings.PrivacyLevel))
        {
            return PublishStep.Fail(null, new(FailureKind.Refused, "privacy_level_option_mismatch",
                $"The account offers {string.Join(", ", creator.Value.PrivacyLevels)}, not {settings.PrivacyLevel}."));
        }
        if (creator.Value.MaxDurationSeconds is { } max && post.DurationSeconds > max)
        {
            return PublishStep.Fail(null, new(FailureKind.Refused, "duration_check_failed", $"This account posts videos of up to {max} seconds."));
        }
        var postInfo = new
        {
            title = post.Text(),
            privacy_level = settings.PrivacyLevel,
            disable_duet = false,
            disable_comment = false,
            disable_stitch = false,
        };
        return settings.CanPull(post.MediaUrl)
            ? await BeginPullAsync(post, postInfo, credential, cancellationToken)
            : await BeginUploadAsync(post, postInfo, credential, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<PublishStep> ContinueAsync(
        PublishHandle handle, PlatformPost post, PlatformCredential credential, IProgress<long>? uploaded, CancellationToken cancellationToken)
    {
        RequireOwn(handle);
        ArgumentNullException.ThrowIfNull(post);
        var status = await api.StatusAsync(credential.AccessToken, handle.Id, cancellationToken);
        if (!status.Ok)
        {
            return PublishStep.Fail(handle, status.Failure!);
        }
        var now = status.Value!;
        if (now.Status == "PROCESSING_UPLOAD" && handle.Stage == UploadStage && now.UploadedBytes < handle.Size)
        {
            return await UploadAsync(handle, post.MediaUrl, now.UploadedBytes, uploaded, cancellationToken);
        }
        return Interpret(handle, now);
    }

    /// <inheritdoc />
    public async Task<PublishStep> StatusAsync(PublishHandle handle, PlatformCredential credential, CancellationToken cancellationToken)
    {
        RequireOwn(handle);
        var status = await api.StatusAsync(credential.AccessToken, handle.Id, cancellationToken);
        if (!status.Ok)
        {
            return PublishStep.Fail(handle, status.Failure!);
        }
        var now = status.Value!;
        return now.Status == "PROCESSING_UPLOAD" && handle.Stage == UploadStage && now.UploadedBytes < handle.Size
            ? PublishStep.Next(handle)
            : Interpret(handle, now);
    }

    /// <inheritdoc />
    public Task<PlatformResult<IReadOnlyList<PostMetrics>>> MetricsAsync(
        IReadOnlyList<string> postIds, PlatformCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(postIds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(postIds.Count, MetricsBatchSize, nameof(postIds));
        return api.VideosAsync(credential.AccessToken, postIds, clock.GetUtcNow(), cancellationToken);
    }

    /// <inheritdoc />
    public Task<PlatformResult<long>> FollowersAsync(PlatformCredential credential, CancellationToken cancellationToken) =>
        api.FollowersAsync((credential ?? throw new ArgumentNullException(nameof(credential))).AccessToken, cancellationToken);

    private async Task<PublishStep> BeginUploadAsync(PlatformPost post, object postInfo, PlatformCredential credential, CancellationToken cancellationToken)
    {
        var size = await media.CheckedSizeAsync(Platform, post, "file_size_check_failed", cancellationToken);
        if (!size.Ok)
        {
            return PublishStep.Fail(null, size.Failure!);
        }
        var plan = TikTokChunks.Plan(size.Value, api.Settings.ChunkBytes);
        var init = await api.InitAsync(credential.AccessToken, new
        {
            post_info = postInfo,
            source_info = new { source = "FILE_UPLOAD", video_size = plan.VideoSize, chunk_size = plan.ChunkSize, total_chunk_count = plan.Count },
        }, cancellationToken);
        // Nothing is posted before the chunks arrive, so a lost or failed init leaves nothing behind: begin again.
        if (TikTokApi.FailureOf(init) is { } failure)
        {
            return PublishStep.Fail(null, failure);
        }
        var publishId = init.Json.Str("data", "publish_id");
        var uploadUrl = init.Json.Str("data", "upload_url");
        if (publishId is null || uploadUrl is null)
        {
            return PublishStep.Fail(null, new(FailureKind.Transient, "bad_answer", "TikTok's init answer had no publish_id or upload_url."));
        }
        LogInitialized(logger, post.PushId, publishId, "FILE_UPLOAD");
        return PublishStep.Next(new PublishHandle(Type, UploadStage, publishId, uploadUrl, plan.VideoSize, plan.ChunkSize));
    }

    private async Task<PublishStep> BeginPullAsync(PlatformPost post, object postInfo, PlatformCredential credential, CancellationToken cancellationToken)
    {
        var init = await api.InitAsync(credential.AccessToken, new
        {
            post_info = postInfo,
            source_info = new { source = "PULL_FROM_URL", video_url = post.MediaUrl.AbsoluteUri },
        }, cancellationToken);
        if (!init.Answered)
        {
            // This call alone starts the post; without its publish_id nothing can find it again.
            return init.MayHaveReached
                ? PublishStep.Lost(null, $"TikTok's PULL_FROM_URL init got no answer ({init.Error}); the post may exist.")
                : PublishStep.Fail(null, init.NoAnswer());
        }
        if (TikTokApi.FailureOf(init) is { } failure)
        {
            return PublishStep.Fail(null, failure);
        }
        if (init.Json.Str("data", "publish_id") is not { } publishId)
        {
            return PublishStep.Lost(null, "TikTok accepted the PULL_FROM_URL init but its answer had no publish_id.");
        }
        LogInitialized(logger, post.PushId, publishId, "PULL_FROM_URL");
        return PublishStep.Next(new PublishHandle(Type, PullStage, publishId));
    }

    private async Task<PublishStep> UploadAsync(PublishHandle handle, Uri mediaUrl, long uploadedBytes, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var plan = new TikTokChunks(handle.Size!.Value, handle.ChunkSize!.Value, (int)Math.Max(1, handle.Size.Value / handle.ChunkSize.Value));
        var first = plan.FirstMissing(uploadedBytes);
        var opened = await media.OpenAsync(mediaUrl, plan.Start(first), cancellationToken);
        if (!opened.Ok)
        {
            return PublishStep.Fail(handle, opened.Failure!);
        }
        await using var source = opened.Value!;
        if (source.Size != plan.VideoSize)
        {
            return PublishStep.Fail(null, new(FailureKind.Refused, "media_changed", $"The media now has {source.Size} bytes, not the {plan.VideoSize} TikTok was told."));
        }
        var uploadUrl = new Uri(handle.Detail!);
        for (var i = first; i < plan.Count; i++)
        {
            var length = plan.Length(i);
            var call = await api.PutChunkAsync(uploadUrl, source.Next(length, VideoType, progress), plan.Start(i), length, plan.VideoSize, cancellationToken);
            if (!call.IsSuccess)
            {
                // Keep the handle: status/fetch says how much arrived, and the next attempt resumes there.
                LogChunkFailed(logger, handle.Id, i, call.Status is { } s ? (int)s : 0, call.Error);
                return PublishStep.Fail(handle, call.Answered
                    ? TikTokApi.FailureOf(call) ?? new(FailureKind.Transient, $"HTTP {(int)call.Status!}", "TikTok refused a chunk.")
                    : new(FailureKind.Transient, "upload_interrupted", $"Chunk {i + 1} of {plan.Count} got no answer: {call.Error}"));
            }
        }
        return PublishStep.WaitFor(handle, api.Settings.StatusPollInterval);
    }

    private PublishStep Interpret(PublishHandle handle, TikTokApi.PublishStatus status) => status.Status switch
    {
        "PUBLISH_COMPLETE" when status.PostId is { } postId => PublishStep.Done(handle, postId, clock.GetUtcNow()),
        "PUBLISH_COMPLETE" => PublishStep.WaitFor(handle, ModerationPoll),
        "FAILED" => PublishStep.Fail(null, FailedPublish(status.FailReason)),
        "SEND_TO_USER_INBOX" => PublishStep.Fail(null, new(FailureKind.Refused, "SEND_TO_USER_INBOX", "TikTok sent the video to the creator's inbox instead of posting it.")),
        _ => PublishStep.WaitFor(handle, api.Settings.StatusPollInterval),
    };

    /// <summary>A FAILED publish created nothing; some reasons are worth a fresh attempt, most are not.</summary>
    private static PlatformFailure FailedPublish(string? reason) => reason switch
    {
        "internal" or "internal_error" => new(FailureKind.Transient, reason, "TikTok failed the publish internally."),
        "auth_removed" => new(FailureKind.RefreshRefused, reason, "The creator removed the app's access."),
        _ => new(FailureKind.Refused, reason ?? "FAILED", $"TikTok failed the publish: {reason ?? "no reason given"}."),
    };

    private void RequireOwn(PublishHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (handle.Type != Type || (handle.Stage == UploadStage && (handle.Size is null || handle.ChunkSize is null || handle.Detail is null)))
        {
            throw new ArgumentException($"Not a complete TikTok handle: {handle.Type} {handle.Stage}.", nameof(handle));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "TikTok publish {PublishId} initialized for push {PushId} ({Source})")]
    private static partial void LogInitialized(ILogger logger, string pushId, string publishId, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TikTok chunk {Index} of publish {PublishId} failed (HTTP {Status}): {Error}")]
    private static partial void LogChunkFailed(ILogger logger, string publishId, int index, int status, string? error);
}
