using Campaigns.Domain.Accounts;

namespace Campaigns.Grains.Abstractions.Campaigns;

/// <summary>Accounts chosen by what they are: brand, platforms, kinds, audience tags, and the top N by affinity.</summary>
[GenerateSerializer, Immutable]
public sealed record AccountSelector(
    [property: Id(0)] string? Brand,
    [property: Id(1)] List<Platform> Platforms,
    [property: Id(2)] List<AccountKind> Kinds,
    [property: Id(3)] List<string> Tags,
    [property: Id(4)] int? TopByAffinity);

/// <summary>An account set: explicit ids, or a selector.</summary>
[GenerateSerializer, Immutable]
public sealed record AccountSet([property: Id(0)] List<string>? Ids, [property: Id(1)] AccountSelector? Selector);
