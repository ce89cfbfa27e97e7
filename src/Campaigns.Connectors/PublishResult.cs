namespace Campaigns.Connectors;

/// <summary>The answer of a connector to a publish or a lookup.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="PlatformPostId">The platform's id of the post, when published.</param>
/// <param name="PublishedAt">When the post went live, when published.</param>
/// <param name="Error">Why it failed, for people (status, reason, an excerpt of the answer); null when published.</param>
public sealed record PublishResult(PublishOutcome Outcome, string? PlatformPostId, DateTimeOffset? PublishedAt, string? Error)
{
    /// <summary>A published post.</summary>
    public static PublishResult Published(string platformPostId, DateTimeOffset publishedAt) =>
        new(PublishOutcome.Published, platformPostId, publishedAt, null);

    /// <summary>A failure worth retrying with the same key.</summary>
    public static PublishResult Transient(string error) => new(PublishOutcome.TransientFailure, null, null, error);

    /// <summary>A failure that retrying will not fix.</summary>
    public static PublishResult Terminal(string error) => new(PublishOutcome.TerminalFailure, null, null, error);

    /// <summary>No answer: the post may or may not exist.</summary>
    public static PublishResult Unknown(string error) => new(PublishOutcome.Unknown, null, null, error);
}
