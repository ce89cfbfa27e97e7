using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Campaigns.Domain.Accounts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Campaigns.Connectors.Platforms.YouTube;

/// <summary>
/// YouTube resumable upload. Begin opens a session (<c>POST …/videos?uploadType=resumable</c>), whose URI is the
/// handle; no video exists until its last byte lands. Continue probes the session (<c>Content-Range: bytes */N</c>):
/// 308 with <c>Range</c> says where to resume, 200/201 means the video exists (its id in the body), 404/410 means
/// the session is gone and nothing was created. Then it sends the rest in multiples of 256 KiB.
/// </summary>
public sealed partial class YouTubeConnector(
    IHttpClientFactory clients, IOptionsMonitor<YouTubeOptions> options, MediaSource media, TimeProvider clock, ILogger<YouTubeConnector> logger)
    : IPlatformConnector
{
    /// <summary>The only stage: the handle is the session URI.</summary>
    public const string SessionStage = "session";

    private const string VideoType = "video/mp4";
    private const int MaxTitleLength = 100;

    /// <inheritdoc />
    public ConnectorType Type => ConnectorType.Youtube;

    /// <inheritdoc />
    public Platform Platform => Platform.YoutubeShorts;

    /// <summary><c>videos.list</c> takes up to 50 ids.</summary>
    public int MetricsBatchSize => 50;

    private YouTubeOptions Settings => options.CurrentValue;

    /// <inheritdoc />
    public async Task<PublishStep> BeginAsync(PlatformPost post, PlatformCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(credential);
        var size = await media.CheckedSizeAsync(Platform, post, "limits", cancellationToken);
        if (!size.Ok)
        {
            return PublishStep.Fail(null, size.Failure!);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, Settings.Api("upload/youtube/v3/videos?uploadType=resumable&part=snippet,status"))
        {
            Content = JsonContent.Create(new
            {
                snippet = new { title = Title(post), description = post.Text(), tags = post.Hashtags.Select(t => t.TrimStart('#')).ToArray(), categoryId = Settings.CategoryId },
                status = new { privacyStatus = Settings.PrivacyStatus, selfDeclaredMadeForKids = false },
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential.AccessToken);
        request.Headers.Add("X-Upload-Content-Length", size.Value.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Upload-Content-Type", VideoType);
        var call = await PlatformCall.SendAsync(clients.CreateClient(PlatformHttp.ApiClient(Settings.Name)), request, cancellationToken);
        // A session is not a video: a lost or failed session request leaves nothing behind.
        if (FailureOf(call) is { } failure)
        {
            return PublishStep.Fail(null, failure);
        }
        if (call.Header("Location") is not { } session)
        {
            return PublishStep.Fail(null, new(FailureKind.Transient, "bad_answer", "YouTube opened no upload session (no Location)."));
        }
        LogSession(logger, post.PushId);
        return PublishStep.Next(new PublishHandle(Type, SessionStage, session, null, size.Value, Settings.ChunkBytes));
    }

    /// <inheritdoc />
    public async Task<PublishStep> ContinueAsync(
        PublishHandle handle, PlatformPost post, PlatformCredential credential, IProgress<long>? uploaded, CancellationToken cancellationToken)
    {
        RequireOwn(handle);
        ArgumentNullException.ThrowIfNull(post);
        var probe = await ProbeAsync(handle, credential, cancellationToken);
        return probe.Offset is { } offset ? await UploadAsync(handle, post.MediaUrl, offset, credential, uploaded, cancellationToken) : probe.Step!;
    }

    /// <inheritdoc />
    public async Task<PublishStep> StatusAsync(PublishHandle handle, PlatformCredential credential, CancellationToken cancellationToken)
    {
        RequireOwn(handle);
        var probe = await ProbeAsync(handle, credential, cancellationToken);
        return probe.Offset is not null ? PublishStep.Next(handle) : probe.Step!;
    }

    /// <inheritdoc />
    public async Task<PlatformResult<IReadOnlyList<PostMetrics>>> MetricsAsync(
        IReadOnlyList<string> postIds, PlatformCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(postIds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(postIds.Count, MetricsBatchSize, nameof(postIds));
        var call = await GetAsync($"youtube/v3/videos?part=statistics&id={Uri.EscapeDataString(string.Join(',', postIds))}", credential, cancellationToken);
        if (FailureOf(call) is { } failure)
        {
            return PlatformResult<IReadOnlyList<PostMetrics>>.Fail(failure);
        }
        var now = clock.GetUtcNow();
        return PlatformResult<IReadOnlyList<PostMetrics>>.Success(call.Json.Items("items").Select(v => new PostMetrics(
            v.Str("id") ?? "", v.Long("statistics", "viewCount") ?? 0, v.Long("statistics", "likeCount") ?? 0,
            v.Long("statistics", "commentCount") ?? 0, 0, now)).ToArray());
    }

    /// <inheritdoc />
    public async Task<PlatformResult<long>> FollowersAsync(PlatformCredential credential, CancellationToken cancellationToken)
    {
        var call = await GetAsync("youtube/v3/channels?part=statistics&mine=true", credential, cancellationToken);
        return FailureOf(call) is { } failure
            ? PlatformResult<long>.Fail(failure)
            : PlatformResult<long>.Success(call.Json.Items("items").Select(c => c.Long("statistics", "subscriberCount") ?? 0).FirstOrDefault());
    }

    /// <summary>Where the session stands: an offset to resume at, or a step that ends the matter.</summary>
    private sealed record Probe(long? Offset, PublishStep? Step);

    private async Task<Probe> ProbeAsync(PublishHandle handle, PlatformCredential credential, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, handle.Id) { Content = new ByteArrayContent([]) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential.AccessToken);
        request.Content.Headers.ContentRange = ContentRangeHeaderValue.Parse($"bytes */{handle.Size!.Value.ToString(CultureInfo.InvariantCulture)}");
        var call = await PlatformCall.SendAsync(clients.CreateClient(PlatformHttp.ApiClient(Settings.Name)), request, cancellationToken);
        return call.Status switch
        {
            HttpStatusCode.PermanentRedirect => new Probe(NextByte(call), null),
            HttpStatusCode.OK or HttpStatusCode.Created => new Probe(null, Published(handle, call)),
            HttpStatusCode.NotFound or HttpStatusCode.Gone => new Probe(null, PublishStep.Fail(null, new(FailureKind.Transient, "session_expired", "The upload session is gone; no video was created."))),
            _ => new Probe(null, PublishStep.Fail(handle, FailureOf(call)!)),
        };
    }

    private async Task<PublishStep> UploadAsync(
        PublishHandle handle, Uri mediaUrl, long offset, PlatformCredential credential, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var size = handle.Size!.Value;
        var opened = await media.OpenAsync(mediaUrl, offset, cancellationToken);
        if (!opened.Ok)
        {
            return PublishStep.Fail(handle, opened.Failure!);
        }
        await using var source = opened.Value!;
        if (source.Size != size)
        {
            return PublishStep.Fail(null, new(FailureKind.Refused, "media_changed", $"The media now has {source.Size} bytes, not the {size} YouTube was told."));
        }
        var http = clients.CreateClient(PlatformHttp.UploadClient(Settings.Name));
        while (true)
        {
            var length = Math.Min(handle.ChunkSize!.Value, size - offset);
            using var request = new HttpRequestMessage(HttpMethod.Put, handle.Id) { Content = source.Next(length, VideoType, progress) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential.AccessToken);
            request.Content.Headers.ContentRange = new ContentRangeHeaderValue(offset, offset + length - 1, size);
            var call = await PlatformCall.SendAsync(http, request, cancellationToken);
            if (call.Status is HttpStatusCode.OK or HttpStatusCode.Created)
            {
                return Published(handle, call);
            }
            if (call.Status != HttpStatusCode.PermanentRedirect)
            {
                // Keep the session: the next probe says what arrived (or that the video exists after all).
                return PublishStep.Fail(call.Status is HttpStatusCode.NotFound or HttpStatusCode.Gone ? null : handle,
                    call.Answered ? FailureOf(call)! : new(FailureKind.Transient, "upload_interrupted", $"A chunk at byte {offset} got no answer: {call.Error}"));
            }
            var next = NextByte(call);
            if (next != offset + length)
            {
                return PublishStep.Fail(handle, new(FailureKind.Transient, "range_mismatch", $"YouTube holds {next} bytes after a chunk ending at {offset + length}."));
            }
            offset = next;
        }
    }

    private PublishStep Published(PublishHandle handle, PlatformCall call) =>
        call.Json.Str("id") is { } videoId
            ? PublishStep.Done(handle, videoId, clock.GetUtcNow())
            : PublishStep.Lost(handle, "YouTube finished the upload but its answer had no video id.");

    private async Task<PlatformCall> GetAsync(string path, PlatformCredential credential, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Settings.Api(path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (credential ?? throw new ArgumentNullException(nameof(credential))).AccessToken);
        return await PlatformCall.SendAsync(clients.CreateClient(PlatformHttp.ApiClient(Settings.Name)), request, cancellationToken);
    }

    private PlatformFailure? FailureOf(PlatformCall call) =>
        call.Answered
            ? YouTubeErrors.Classify(call.Status!.Value, call.Json.Items("error", "errors").Select(e => e.Str("reason")).FirstOrDefault(),
                call.Json.Str("error", "message"), call.RetryAfter, clock.GetUtcNow())
            : call.NoAnswer();

    /// <summary>The byte after the last one YouTube holds, from a 308's <c>Range: bytes=0-N</c> (none means 0).</summary>
    private static long NextByte(PlatformCall call) =>
        call.Header("Range") is { } range && range.LastIndexOf('-') is var dash and > 0
        && long.TryParse(range[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            ? last + 1
            : 0;

    private static string Title(PlatformPost post)
    {
        var title = (post.Title ?? post.Caption ?? "Untitled").Replace('<', ' ').Replace('>', ' ').Trim();
        return title.Length <= MaxTitleLength ? title : title[..MaxTitleLength];
    }

    private void RequireOwn(PublishHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (handle.Type != Type || handle.Size is null || handle.ChunkSize is null)
        {
            throw new ArgumentException($"Not a complete YouTube handle: {handle.Type} {handle.Stage}.", nameof(handle));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "YouTube upload session opened for push {PushId}")]
    private static partial void LogSession(ILogger logger, string pushId);
}
