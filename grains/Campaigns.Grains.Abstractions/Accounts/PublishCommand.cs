namespace Campaigns.Grains.Abstractions.Accounts;

/// <summary>
/// Publish one push for this account. <see cref="Attempts"/> counts earlier attempts of the same push; with attempts
/// behind it, the account looks the post up before anything else. <see cref="StaleDetail"/>, when set, says the push
/// is past its staleness limit: if the look-up finds no post, the push is skipped with that detail, not published.
/// <see cref="Holder"/> is the lease the firing holds: a real platform's correlation handle is stored on the push only
/// while that lease is still the firing's. <see cref="Title"/>, <see cref="DurationSeconds"/> and
/// <see cref="CoverUrl"/> come from the video, for platforms that need them.
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
    [property: Id(7)] string? StaleDetail = null,
    [property: Id(8)] string? Holder = null,
    [property: Id(9)] string? Title = null,
    [property: Id(10)] int? DurationSeconds = null,
    [property: Id(11)] string? CoverUrl = null);

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
    /// <summary>The answer to a step that can create the post was lost and nothing can look it up: a person settles it.</summary>
    Unconfirmed,
    /// <summary>Not attempted: the account's credential is missing or needs re-authorization; wait for a connect.</summary>
    AwaitingCredential,
    /// <summary>
    /// Not now: a per-user quota (ours or the platform's rate limit) is used up; try again at
    /// <see cref="PublishReport.RetryAt"/>. With <see cref="PublishReport.FiredAt"/> null nothing reached the
    /// platform in this attempt, so it does not count as one.
    /// </summary>
    Postponed,
}

/// <summary>The result of one publish attempt.</summary>
[GenerateSerializer, Immutable]
public sealed record PublishReport(
    [property: Id(0)] PublishStatus Status,
    [property: Id(1)] string? PlatformPostId,
    [property: Id(2)] DateTimeOffset? FiredAt,
    [property: Id(3)] DateTimeOffset? PublishedAt,
    [property: Id(4)] string? Detail,
    [property: Id(5)] DateTimeOffset? RetryAt = null);
