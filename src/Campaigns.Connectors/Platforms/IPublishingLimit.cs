namespace Campaigns.Connectors.Platforms;

/// <summary>
/// A platform that reports each user's own publishing quota (Instagram's <c>content_publishing_limit</c>), so the
/// caller can check it before creating rather than be refused after.
/// </summary>
public interface IPublishingLimit
{
    /// <summary>How long the platform's publishing window is (Instagram: a moving 24 hours).</summary>
    TimeSpan PublishingWindow { get; }

    /// <summary>Posts published in the current window and the most the window allows, as the platform reports them.</summary>
    Task<PlatformResult<(long Used, long Total)>> PublishingLimitAsync(PlatformCredential credential, CancellationToken cancellationToken);
}
