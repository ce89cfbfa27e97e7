namespace Campaigns.Grains.Abstractions.Campaigns;

/// <summary>
/// One push of a launch, as planned: who posts which video when, with which caption; in an exchange campaign also
/// whose content it is (<see cref="ContentOwnerId"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LaunchPush(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string Platform,
    [property: Id(2)] string VideoId,
    [property: Id(3)] DateTimeOffset ScheduledAt,
    [property: Id(4)] int Wave,
    [property: Id(5)] string? Caption,
    [property: Id(6)] List<string> Hashtags,
    [property: Id(7)] string? ContentOwnerId = null);
