namespace Campaigns.Grains.Abstractions.Accounts;

/// <summary>What recording a follower snapshot did: whether it is now the account's count, and that count.</summary>
[GenerateSerializer, Immutable]
public sealed record FollowerRecord(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] long Count,
    [property: Id(2)] bool Current,
    [property: Id(3)] long Followers,
    [property: Id(4)] DateTimeOffset? FollowersAt);
