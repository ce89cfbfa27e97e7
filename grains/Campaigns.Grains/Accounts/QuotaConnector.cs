using Campaigns.Connectors.Platforms;
using Campaigns.Domain.Accounts;

namespace Campaigns.Grains.Accounts;

/// <summary>
/// A connector seen through one account's quotas: beginning a publish takes a publish slot and passes the
/// platform's own publishing limit (<paramref name="beforeCreate"/>); continuing or asking the status takes a
/// status slot. Over quota, nothing is sent and the step fails as rate limited, with the wait until a slot frees.
/// </summary>
internal sealed class QuotaConnector(
    PlatformOptions settings,
    IPlatformConnector inner,
    AccountQuotas quotas,
    Func<PlatformCredential, CancellationToken, Task<PlatformFailure?>> beforeCreate) : IPlatformConnector
{
    /// <summary>The platform's settings the quotas come from.</summary>
    public PlatformOptions Settings => settings;

    public ConnectorType Type => inner.Type;

    public Platform Platform => inner.Platform;

    public int MetricsBatchSize => inner.MetricsBatchSize;

    public async Task<PublishStep> BeginAsync(PlatformPost post, PlatformCredential credential, CancellationToken cancellationToken)
    {
        if ((quotas.TakePublish() ?? await beforeCreate(credential, cancellationToken)) is { } refused)
        {
            return PublishStep.Fail(null, refused);
        }
        return await inner.BeginAsync(post, credential, cancellationToken);
    }

    public Task<PublishStep> ContinueAsync(
        PublishHandle handle, PlatformPost post, PlatformCredential credential, IProgress<long>? uploaded, CancellationToken cancellationToken) =>
        quotas.TakeStatus() is { } refused
            ? Task.FromResult(PublishStep.Fail(handle, refused))
            : inner.ContinueAsync(handle, post, credential, uploaded, cancellationToken);

    public Task<PublishStep> StatusAsync(PublishHandle handle, PlatformCredential credential, CancellationToken cancellationToken) =>
        quotas.TakeStatus() is { } refused
            ? Task.FromResult(PublishStep.Fail(handle, refused))
            : inner.StatusAsync(handle, credential, cancellationToken);

    public Task<PlatformResult<IReadOnlyList<PostMetrics>>> MetricsAsync(
        IReadOnlyList<string> postIds, PlatformCredential credential, CancellationToken cancellationToken) =>
        inner.MetricsAsync(postIds, credential, cancellationToken);

    public Task<PlatformResult<long>> FollowersAsync(PlatformCredential credential, CancellationToken cancellationToken) =>
        inner.FollowersAsync(credential, cancellationToken);
}
