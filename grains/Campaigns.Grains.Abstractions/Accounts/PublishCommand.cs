namespace Campaigns.Grains.Abstractions.Accounts;

/// <summary>
/// Publish one push for this account. <see cref="Attempts"/> counts earlier attempts of the same push; with attempts
/// behind it, the account looks the post up before anything else. <see cref="StaleDetail"/>, when set, says the push
/// is past its staleness limit: if the look-up finds no post, the push is skipped with that detail, not published.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PublishCommand(
    [property: Id(0)] string PushId,
    [property: Id(1)] string VideoId,
    [property: Id(2)] string? MediaUrl,
    [property: Id(3)] string? Caption,
    [property: Id(4)] List<string> Hashtags,
    [property: Id(5)] DateTimeOffset ScheduledAt,
    [property: Id(6)] int Attempts,
    [property: Id(7)] string? StaleDetail = null);

/// <summary>How an attempt to publish ended.</summary>
[GenerateSerializer]
public enum PublishStatus
{
    Published,
    /// <summary>Not attempted: the account may not post now (suspended, caps).</summary>
    Skipped,
    /// <summary>Failed in a way a later attempt may not (timeouts, 5xx, rate limits, unknown outcomes).</summary>
    TransientFailure,
    /// <summary>Failed for good (the platform refused the post).</summary>
    TerminalFailure,
}

/// <summary>The result of one publish attempt.</summary>
[GenerateSerializer, Immutable]
public sealed record PublishReport(
    [property: Id(0)] PublishStatus Status,
    [property: Id(1)] string? PlatformPostId,
    [property: Id(2)] DateTimeOffset? FiredAt,
    [property: Id(3)] DateTimeOffset? PublishedAt,
    [property: Id(4)] string? Detail);
