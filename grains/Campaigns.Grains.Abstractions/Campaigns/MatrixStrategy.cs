namespace Campaigns.Grains.Abstractions.Campaigns;

/// <summary>
/// Matrix cross-posting: these accounts post these videos from <see cref="StartAt"/>, staggered. The stagger is
/// <see cref="StaggerMilliseconds"/> when set (campaigns created with <c>staggerMilliseconds</c>), else
/// <see cref="StaggerSeconds"/>; <see cref="Stagger"/> is the effective value. Member ids are never renumbered:
/// state stored before <see cref="StaggerMilliseconds"/> existed reads it as null.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MatrixStrategy(
    [property: Id(0)] AccountSet Accounts,
    [property: Id(1)] List<string> VideoIds,
    [property: Id(2)] DateTimeOffset StartAt,
    [property: Id(3)] int StaggerSeconds,
    [property: Id(4)] int PostsPerAccount,
    [property: Id(5)] int? StaggerMilliseconds = null)
{
    /// <summary>The time between consecutive accounts' first wished instants.</summary>
    public TimeSpan Stagger => StaggerMilliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : TimeSpan.FromSeconds(StaggerSeconds);
}
