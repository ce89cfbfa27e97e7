using Campaigns.Domain.Accounts;

namespace Campaigns.Connectors.Platforms;

/// <summary>
/// A stateless adapter over one real platform's publishing API. Publishing is a sequence of steps: the caller starts
/// with <see cref="BeginAsync"/>, stores every <see cref="PublishStep.Handle"/> it is given durably, and only then
/// calls <see cref="ContinueAsync"/> with it, until a step is final. A stored handle is enough to resume after a crash
/// or to settle an unknown outcome, because every step that can create a post is taken only after the handle that can
/// find it has been handed out. Credentials are passed in on every call; nothing is stored here.
/// </summary>
public interface IPlatformConnector
{
    /// <summary>The connector type this adapter serves.</summary>
    ConnectorType Type { get; }

    /// <summary>The one platform this connector publishes to.</summary>
    Platform Platform { get; }

    /// <summary>The most post ids one <see cref="MetricsAsync"/> call accepts (one platform request).</summary>
    int MetricsBatchSize { get; }

    /// <summary>
    /// Checks the post against the platform's limits and takes the first step: usually one that cannot create a post
    /// and hands out the correlation handle (TikTok's publish_id, YouTube's session URI, Instagram's container id,
    /// Douyin's upload id, Kuaishou's upload token).
    /// </summary>
    Task<PublishStep> BeginAsync(PlatformPost post, PlatformCredential credential, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the next step for a stored handle: asks the platform where the publish stands, uploads what is missing
    /// from there, or creates the post. Safe to call again with the same handle after any failure or crash.
    /// </summary>
    /// <param name="handle">The handle from the last step the caller stored.</param>
    /// <param name="post">The same post <see cref="BeginAsync"/> was given.</param>
    /// <param name="credential">The account's current credential.</param>
    /// <param name="uploaded">Reports bytes sent so far, so a long upload can keep its caller's lease alive.</param>
    /// <param name="cancellationToken">Stops the step; the handle stays valid.</param>
    Task<PublishStep> ContinueAsync(
        PublishHandle handle,
        PlatformPost post,
        PlatformCredential credential,
        IProgress<long>? uploaded,
        CancellationToken cancellationToken);

    /// <summary>Where a publish stands, by its handle, without changing anything on the platform.</summary>
    Task<PublishStep> StatusAsync(PublishHandle handle, PlatformCredential credential, CancellationToken cancellationToken);

    /// <summary>Cumulative engagement of published posts; at most <see cref="MetricsBatchSize"/> ids.</summary>
    Task<PlatformResult<IReadOnlyList<PostMetrics>>> MetricsAsync(
        IReadOnlyList<string> postIds, PlatformCredential credential, CancellationToken cancellationToken);

    /// <summary>The account's follower count now.</summary>
    Task<PlatformResult<long>> FollowersAsync(PlatformCredential credential, CancellationToken cancellationToken);
}
