using Campaigns.Domain.Accounts;

namespace Campaigns.Grains.Abstractions.Accounts;

/// <summary>A validated request to create an account (tags already normalised); a given follower count starts its history.</summary>
[GenerateSerializer, Immutable]
public sealed record AccountDraft(
    [property: Id(0)] Platform Platform,
    [property: Id(1)] string Handle,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] string? Brand,
    [property: Id(4)] AccountKind Kind,
    [property: Id(5)] string? Persona,
    [property: Id(6)] Dictionary<string, double> AudienceTags,
    [property: Id(7)] string TimeZone,
    [property: Id(8)] long? Followers,
    [property: Id(9)] AccountCaps Caps,
    [property: Id(10)] AccountConnector Connector);
