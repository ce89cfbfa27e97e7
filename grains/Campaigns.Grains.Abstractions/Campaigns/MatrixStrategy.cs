namespace Campaigns.Grains.Abstractions.Campaigns;

/// <summary>Matrix cross-posting: these accounts post these videos from <see cref="StartAt"/>, staggered.</summary>
[GenerateSerializer, Immutable]
public sealed record MatrixStrategy(
    [property: Id(0)] AccountSet Accounts,
    [property: Id(1)] List<string> VideoIds,
    [property: Id(2)] DateTimeOffset StartAt,
    [property: Id(3)] int StaggerSeconds,
    [property: Id(4)] int PostsPerAccount);
