using System.Net.Http.Headers;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Videos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Campaigns.Connectors.Platforms.Instagram;

/// <summary>
/// Instagram Reels by container: Begin creates a REELS container with the <c>video_url</c> (Instagram pulls the
/// media) and hands out its id; a container is not a post, so a lost answer is simply begun again. Continue reads
/// the container's <c>status_code</c>: IN_PROGRESS waits, FINISHED is published with <c>media_publish</c>, and
/// PUBLISHED (the publish answer was lost) is resolved by finding the new media among the account's latest.
/// </summary>
public sealed partial class InstagramConnector(
    IHttpClientFactory clients, IOptionsMonitor<InstagramOptions> options, TimeProvider clock, ILogger<InstagramConnector> logger)
    : IPlatformConnector, IPublishingLimit
{
    /// <summary>The only stage: the handle is the container id.</summary>
    public const string ContainerStage = "container";

    private const int RecentMediaToSearch = 25;

    /// <inheritdoc />
    public ConnectorType Type => ConnectorType.Instagram;

    /// <inheritdoc />
    public Platform Platform => Platform.InstagramReels;

    /// <summary>Media insights are read one media at a time.</summary>
    public int MetricsBatchSize => 1;

    private InstagramOptions Settings => options.CurrentValue;

    /// <inheritdoc />
    public async Task<PublishStep> BeginAsync(PlatformPost post, PlatformCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (UploadLimits.Check(Platform, null, post.DurationSeconds) is { } violation)
        {
            return PublishStep.Fail(null, new(FailureKind.Refused, "limits", violation.Message));
        }
        var call = await SendAsync(HttpMethod.Post, $"{User(credential)}/media", credential, OAuthQuery.Form(
            ("media_type", "REELS"), ("video_url", post.MediaUrl.AbsoluteUri), ("caption", post.Text()),
            ("share_to_feed", Settings.ShareToFeed ? "true" : "false"), ("cover_url", post.CoverUrl?.AbsoluteUri)), cancellationToken);
        if (FailureOf(call) is { } failure)
        {
            return PublishStep.Fail(null, failure);
        }
        if (call.Json.Str("id") is not { } container)
        {
            return PublishStep.Fail(null, new(FailureKind.Transient, "bad_answer", "Instagram created no container id."));
        }
        LogContainer(logger, post.PushId, container);
        return PublishStep.Next(new PublishHandle(Type, ContainerStage, container));
    }

    /// <inheritdoc />
    public async Task<PublishStep> ContinueAsync(
        PublishHandle handle, PlatformPost post, PlatformCredential credential, IProgress<long>? uploaded, CancellationToken cancellationToken)
    {
        RequireOwn(handle);
        ArgumentNullException.ThrowIfNull(post);
        var status = await ContainerStatusAsync(handle, post, credential, cancellationToken);
        if (status.Kind != PublishStepKind.Continue)
        {
            return status;
        }
        var call = await SendAsync(HttpMethod.Post, $"{User(credential)}/media_publish", credential,
            OAuthQuery.Form(("creation_id", handle.Id)), cancellationToken);
        if (!call.Answered)
        {
            // The container may now be published: its status says so next time, and the media is found then.
            return PublishStep.Fail(handle, new(FailureKind.Transient, "publish_answer_lost", $"media_publish got no answer: {call.Error}"));
        }
        if (FailureOf(call) is { } failure)
        {
            return PublishStep.Fail(handle, failure);
        }
        return call.Json.Str("id") is { } media
            ? PublishStep.Done(handle, media, clock.GetUtcNow())
            : PublishStep.Fail(handle, new(FailureKind.Transient, "bad_answer", "media_publish answered no media id."));
    }

    /// <inheritdoc />
    public Task<PublishStep> StatusAsync(PublishHandle handle, PlatformCredential credential, CancellationToken cancellationToken)
    {
        RequireOwn(handle);
        return ContainerStatusAsync(handle, null, credential, cancellationToken);
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
            var call = await SendAsync(HttpMethod.Get, $"{id}/insights?metric=views,likes,comments,shares", credential, null, cancellationToken);
            if (FailureOf(call) is { } failure)
            {
                return PlatformResult<IReadOnlyList<PostMetrics>>.Fail(failure);
            }
            var values = call.Json.Items("data").ToDictionary(
                m => m.Str("name") ?? "", m => m.Long("total_value", "value") ?? m.Items("values").Select(v => v.Long("value")).FirstOrDefault() ?? 0);
            metrics.Add(new PostMetrics(id, values.GetValueOrDefault("views"), values.GetValueOrDefault("likes"),
                values.GetValueOrDefault("comments"), values.GetValueOrDefault("shares"), clock.GetUtcNow()));
        }
        return PlatformResult<IReadOnlyList<PostMetrics>>.Success(metrics);
    }

    /// <inheritdoc />
    public async Task<PlatformResult<long>> FollowersAsync(PlatformCredential credential, CancellationToken cancellationToken)
    {
        var call = await SendAsync(HttpMethod.Get, $"{User(credential)}?fields=followers_count", credential, null, cancellationToken);
        return FailureOf(call) is { } failure ? PlatformResult<long>.Fail(failure) : PlatformResult<long>.Success(call.Json.Long("followers_count") ?? 0);
    }

    /// <summary>content_publishing_limit counts over a moving 24 hours (its <c>quota_duration</c>, 86400 s).</summary>
    public TimeSpan PublishingWindow => TimeSpan.FromDays(1);

    /// <summary>
    /// The account's content publishing usage in the current 24 hours and its quota, as the API reports them (the
    /// documented example quota is 50; read it, do not assume it).
    /// </summary>
    public async Task<PlatformResult<(long Used, long Total)>> PublishingLimitAsync(PlatformCredential credential, CancellationToken cancellationToken)
    {
        var call = await SendAsync(HttpMethod.Get, $"{User(credential)}/content_publishing_limit?fields=quota_usage,config", credential, null, cancellationToken);
        if (FailureOf(call) is { } failure)
        {
            return PlatformResult<(long, long)>.Fail(failure);
        }
        var data = call.Json.Items("data").FirstOrDefault();
        return PlatformResult<(long, long)>.Success((data.Long("quota_usage") ?? 0, data.Long("config", "quota_total") ?? 0));
    }

    private async Task<PublishStep> ContainerStatusAsync(PublishHandle handle, PlatformPost? post, PlatformCredential credential, CancellationToken cancellationToken)
    {
        var call = await SendAsync(HttpMethod.Get, $"{handle.Id}?fields=status_code,status", credential, null, cancellationToken);
        if (FailureOf(call) is { } failure)
        {
            return PublishStep.Fail(handle, failure);
        }
        return call.Json.Str("status_code") switch
        {
            "FINISHED" => PublishStep.Next(handle),
            "PUBLISHED" => await FindPublishedAsync(handle, post, credential, cancellationToken),
            "ERROR" => PublishStep.Fail(null, new(FailureKind.Refused, call.Json.Str("status") ?? "ERROR", "Instagram could not process the video.")),
            // Not published within 24 hours: nothing was posted, so a new container may be made.
            "EXPIRED" => PublishStep.Fail(null, new(FailureKind.Transient, "EXPIRED", "The container expired unpublished.")),
            _ => PublishStep.WaitFor(handle, Settings.ContainerPollInterval),
        };
    }

    /// <summary>The container was published but its answer was lost: find the media among the account's newest.</summary>
    private async Task<PublishStep> FindPublishedAsync(PublishHandle handle, PlatformPost? post, PlatformCredential credential, CancellationToken cancellationToken)
    {
        if (post is null)
        {
            return PublishStep.Lost(handle, "The container is PUBLISHED; its media id is found by continuing with the post.");
        }
        var call = await SendAsync(HttpMethod.Get, $"{User(credential)}/media?fields=id,caption,timestamp&limit={RecentMediaToSearch}", credential, null, cancellationToken);
        if (FailureOf(call) is { } failure)
        {
            return PublishStep.Fail(handle, failure);
        }
        var caption = post.Text();
        var media = call.Json.Items("data").FirstOrDefault(m => m.Str("caption") == caption).Str("id");
        return media is not null
            ? PublishStep.Done(handle, media, clock.GetUtcNow())
            : PublishStep.Lost(handle, "The container is PUBLISHED but its media is not among the account's latest.");
    }

    private async Task<PlatformCall> SendAsync(HttpMethod method, string path, PlatformCredential credential, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, Settings.Graph(path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential.AccessToken);
        return await PlatformCall.SendAsync(clients.CreateClient(PlatformHttp.ApiClient(Settings.Name)), request, cancellationToken);
    }

    private static PlatformFailure? FailureOf(PlatformCall call) =>
        !call.Answered ? call.NoAnswer()
        : InstagramErrors.Classify(call.Status!.Value, call.Json.Long("error", "code"), call.Json.Long("error", "error_subcode"), call.Json.Str("error", "message"), call.RetryAfter)
          ?? (call.IsSuccess ? null : new(FailureKind.Transient, $"HTTP {(int)call.Status}", "Instagram answered an error without details."));

    private static string User(PlatformCredential credential) =>
        (credential ?? throw new ArgumentNullException(nameof(credential))).UserId ?? "me";

    private void RequireOwn(PublishHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (handle.Type != Type)
        {
            throw new ArgumentException($"Not an Instagram handle: {handle.Type} {handle.Stage}.", nameof(handle));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Instagram container {ContainerId} created for push {PushId}")]
    private static partial void LogContainer(ILogger logger, string pushId, string containerId);
}
