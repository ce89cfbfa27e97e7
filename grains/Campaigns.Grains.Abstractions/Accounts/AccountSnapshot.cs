using Campaigns.Domain.Accounts;

namespace Campaigns.Grains.Abstractions.Accounts;

/// <summary>
/// An account as it is now, secret-free: what the gateway shows and the read model stores. <see cref="Followers"/>
/// is the count of the newest follower snapshot, taken at <see cref="FollowersAt"/> (null before any snapshot).
/// <see cref="Credential"/> says whether an account on a real platform's connector is connected (null for the sandbox
/// and the webhook); the tokens themselves stay encrypted in the account grain's state.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AccountSnapshot(
    [property: Id(0)] string Id,
    [property: Id(1)] string AgencyId,
    [property: Id(2)] Platform Platform,
    [property: Id(3)] string Handle,
    [property: Id(4)] string DisplayName,
    [property: Id(5)] string? Brand,
    [property: Id(6)] AccountKind Kind,
    [property: Id(7)] string? Persona,
    [property: Id(8)] Dictionary<string, double> AudienceTags,
    [property: Id(9)] string TimeZone,
    [property: Id(10)] long Followers,
    [property: Id(11)] AccountCaps Caps,
    [property: Id(12)] AccountConnector Connector,
    [property: Id(13)] AccountStatus Status,
    [property: Id(14)] DateTimeOffset CreatedAt,
    [property: Id(15)] DateTimeOffset UpdatedAt,
    [property: Id(16)] long Version,
    [property: Id(17)] DateTimeOffset? FollowersAt = null,
    [property: Id(18)] AccountCredential? Credential = null);
