namespace Campaigns.Grains.Abstractions.Accounts;

/// <summary>Cumulative engagement of one post as its platform reported it.</summary>
[GenerateSerializer, Immutable]
public sealed record PolledMetrics(
    [property: Id(0)] string PostId,
    [property: Id(1)] long Views,
    [property: Id(2)] long Likes,
    [property: Id(3)] long Comments,
    [property: Id(4)] long Shares,
    [property: Id(5)] DateTimeOffset At);

/// <summary>
/// What an account's metrics poll brought back: the posts the platform reported on, the ids that were not asked
/// (after a refusal; a post asked but missing from the answer is gone from the platform), and why it stopped.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MetricsPoll(
    [property: Id(0)] PollOutcome Outcome,
    [property: Id(1)] IReadOnlyList<PolledMetrics> Metrics,
    [property: Id(2)] IReadOnlyList<string> Unasked,
    [property: Id(3)] string? Detail);

/// <summary>What an account's follower poll did: the count recorded, or why there is none.</summary>
[GenerateSerializer, Immutable]
public sealed record FollowersPoll(
    [property: Id(0)] PollOutcome Outcome,
    [property: Id(1)] long? Followers,
    [property: Id(2)] string? Detail);
