using System.Globalization;
using Campaigns.Domain.Accounts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Campaigns.Connectors.Platforms.Kuaishou;

/// <summary>
/// Kuaishou: <c>start_upload</c> hands out an upload token and an upload host (the handle); fragments go to
/// <c>/api/upload/fragment</c> from where <c>/api/upload/resume</c> says the upload stands, <c>/api/upload/complete</c>
/// closes it, and <c>/openapi/photo/publish</c> creates the post (photo_id). A lost publish answer is unconfirmed.
/// </summary>
public sealed partial class KuaishouConnector(
    IHttpClientFactory clients, IOptionsMonitor<KuaishouOptions> options, MediaSource media, TimeProvider clock, ILogger<KuaishouConnector> logger)
    : IPlatformConnector
{
    /// <summary>Fragments are being sent: the handle is the upload token, its detail the upload host.</summary>
    public const string FragmentsStage = "fragments";

    /// <summary>The upload is complete: the next step publishes it.</summary>
    public const string UploadedStage = "uploaded";

    /// <inheritdoc />
    public ConnectorType Type => ConnectorType.Kuaishou;

    /// <inheritdoc />
    public Platform Platform => Platform.Kuaishou;

    /// <summary><c>photo/info</c> reads one photo at a time.</summary>
    public int MetricsBatchSize => 1;

    private KuaishouOptions Settings => options.CurrentValue;

    /// <inheritdoc />
    public async Task<PublishStep> BeginAsync(PlatformPost post, PlatformCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        var size = await media.CheckedSizeAsync(Platform, post, "limits", cancellationToken);
        if (!size.Ok)
        {
            return PublishStep.Fail(null, size.Failure!);
        }
        var call = await OpenApiAsync(HttpMethod.Post, "openapi/photo/start_upload", credential, "", null, cancellationToken);
        if (KuaishouErrors.Of(call) is { } failure)
        {
            return PublishStep.Fail(null, failure);
        }
        if (call.Json.Str("upload_token") is not { } token || call.Json.Str("endpoint") is not { } endpoint)
        {
            return PublishStep.Fail(null, new(FailureKind.Transient, "bad_answer", "start_upload answered no upload_token or endpoint."));
        }
        LogUpload(logger, post.PushId);
        return PublishStep.Next(new PublishHandle(Type, FragmentsStage, token, endpoint, size.Value, Settings.FragmentBytes));
    }

    /// <inheritdoc />
    public async Task<PublishStep> ContinueAsync(
        PublishHandle handle, PlatformPost post, PlatformCredential credential, IProgress<long>? uploaded, CancellationToken cancellationToken)
    {
        RequireOwn(handle);
        ArgumentNullException.ThrowIfNull(post);
        return handle.Stage == UploadedStage
            ? await PublishAsync(handle, post, credential, cancellationToken)
            : await UploadAsync(handle, post.MediaUrl, uploaded, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<PublishStep> StatusAsync(PublishHandle handle, PlatformCredential credential, CancellationToken cancellationToken)
    {
        RequireOwn(handle);
        if (handle.Stage == UploadedStage)
        {
            return PublishStep.Next(handle);
        }
        var resume = await UploadHostAsync(HttpMethod.Get, handle, "resume", "", null, cancellationToken);
        return KuaishouErrors.Of(resume) is { } failure ? PublishStep.Fail(handle, failure) : PublishStep.Next(handle);
    }

    /// <inheritdoc />
    public async Task<PlatformResult<IReadOnlyList<PostMetrics>>> MetricsAsync(
        IReadOnlyList<string> postIds, PlatformCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(postIds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(postIds.Count, MetricsBatchSize, nameof(postIds));
        var metrics = new List<PostMetrics>();
        foreach (var id in postIds)
        {
            var call = await OpenApiAsync(HttpMethod.Get, "openapi/photo/info", credential, $"&photo_id={Uri.EscapeDataString(id)}", null, cancellationToken);
            if (KuaishouErrors.Of(call) is { } failure)
            {
                return PlatformResult<IReadOnlyList<PostMetrics>>.Fail(failure);
            }
            var info = call.Json.At("video_info");
            metrics.Add(new PostMetrics(id, info.Long("view_count") ?? 0, info.Long("like_count") ?? 0, info.Long("comment_count") ?? 0, 0, clock.GetUtcNow()));
        }
        return PlatformResult<IReadOnlyList<PostMetrics>>.Success(metrics);
    }

    /// <inheritdoc />
    public async Task<PlatformResult<long>> FollowersAsync(PlatformCredential credential, CancellationToken cancellationToken)
    {
        var call = await OpenApiAsync(HttpMethod.Get, "openapi/user_info", credential, "", null, cancellationToken);
        return KuaishouErrors.Of(call) is { } failure ? PlatformResult<long>.Fail(failure) : PlatformResult<long>.Success(call.Json.Long("user_info", "fan") ?? 0);
    }

    private async Task<PublishStep> UploadAsync(PublishHandle handle, Uri mediaUrl, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var resume = await UploadHostAsync(HttpMethod.Get, handle, "resume", "", null, cancellationToken);
        if (KuaishouErrors.Of(resume) is { } failure)
        {
            return PublishStep.Fail(handle, failure);
        }
        var size = handle.Size!.Value;
        var fragment = handle.ChunkSize!.Value;
        var count = (int)((size + fragment - 1) / fragment);
        var next = (int)Math.Clamp((resume.Json.Long("fragment_index") ?? -1) + 1, 0, count);
        if (next < count)
        {
            var opened = await media.OpenAsync(mediaUrl, next * fragment, cancellationToken);
            if (!opened.Ok)
            {
                return PublishStep.Fail(handle, opened.Failure!);
            }
            await using var source = opened.Value!;
            for (var id = next; id < count; id++)
            {
                var call = await UploadHostAsync(HttpMethod.Post, handle, "fragment", $"&fragment_id={id.ToString(CultureInfo.InvariantCulture)}",
                    source.Next(Math.Min(fragment, size - source.Position), "application/octet-stream", progress), cancellationToken);
                if (KuaishouErrors.Of(call) is { } refused)
                {
                    // Keep the token: resume says which fragments arrived.
                    return PublishStep.Fail(handle, refused);
                }
            }
        }
        var complete = await UploadHostAsync(HttpMethod.Post, handle, "complete", $"&fragment_count={count.ToString(CultureInfo.InvariantCulture)}", null, cancellationToken);
        return KuaishouErrors.Of(complete) is { } incomplete
            ? PublishStep.Fail(handle, incomplete)
            : PublishStep.Next(handle with { Stage = UploadedStage });
    }

    private async Task<PublishStep> PublishAsync(PublishHandle handle, PlatformPost post, PlatformCredential credential, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent { { new StringContent(post.Text()), "caption" } };
        MediaStream? cover = null;
        if (post.CoverUrl is not null && await media.OpenAsync(post.CoverUrl, 0, cancellationToken) is { Ok: true } opened)
        {
            cover = opened.Value!;
            form.Add(cover.Next(cover.Size, "image/jpeg", null), "cover", "cover.jpg");
        }
        PlatformCall call;
        await using (cover)
        {
            call = await OpenApiAsync(HttpMethod.Post, "openapi/photo/publish", credential, $"&upload_token={Uri.EscapeDataString(handle.Id)}", form, cancellationToken);
        }
        if (!call.Answered)
        {
            return call.MayHaveReached
                ? PublishStep.Lost(handle, $"photo/publish got no answer ({call.Error}); the post may exist and nothing can look it up.")
                : PublishStep.Fail(handle, call.NoAnswer());
        }
        if (KuaishouErrors.Of(call) is { } failure)
        {
            return PublishStep.Fail(handle, failure);
        }
        return call.Json.Str("video_info", "photo_id") is { } photoId
            ? PublishStep.Done(handle, photoId, clock.GetUtcNow())
            : PublishStep.Lost(handle, "photo/publish succeeded without a photo_id.");
    }

    private async Task<PlatformCall> OpenApiAsync(HttpMethod method, string path, PlatformCredential credential, string query, HttpContent? content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var url = Settings.Api($"{path}?app_id={Uri.EscapeDataString(Settings.ClientKey ?? "")}&access_token={Uri.EscapeDataString(credential.AccessToken)}{query}");
        using var request = new HttpRequestMessage(method, url) { Content = content };
        var client = content is null ? PlatformHttp.ApiClient(Settings.Name) : PlatformHttp.UploadClient(Settings.Name);
        return await PlatformCall.SendAsync(clients.CreateClient(client), request, cancellationToken);
    }

    private async Task<PlatformCall> UploadHostAsync(HttpMethod method, PublishHandle handle, string action, string query, HttpContent? content, CancellationToken cancellationToken)
    {
        var host = new Uri($"{Settings.UploadScheme}://{handle.Detail}");
        using var request = new HttpRequestMessage(method, PlatformOptions.Under(host, $"api/upload/{action}?upload_token={Uri.EscapeDataString(handle.Id)}{query}"))
        {
            Content = content ?? (method == HttpMethod.Post ? new ByteArrayContent([]) : null),
        };
        return await PlatformCall.SendAsync(clients.CreateClient(PlatformHttp.UploadClient(Settings.Name)), request, cancellationToken);
    }

    private void RequireOwn(PublishHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (handle.Type != Type || handle.Detail is null || handle.Size is null || handle.ChunkSize is null)
        {
            throw new ArgumentException($"Not a complete Kuaishou handle: {handle.Type} {handle.Stage}.", nameof(handle));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kuaishou upload started for push {PushId}")]
    private static partial void LogUpload(ILogger logger, string pushId);
}
