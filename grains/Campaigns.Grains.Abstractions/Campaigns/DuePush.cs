namespace Campaigns.Grains.Abstractions.Campaigns;

/// <summary>A push that has come due, with everything needed to publish it.</summary>
[GenerateSerializer, Immutable]
public sealed record DuePush(
    [property: Id(0)] string AgencyId,
    [property: Id(1)] string PushId,
    [property: Id(2)] string CampaignId,
    [property: Id(3)] string AccountId,
    [property: Id(4)] string VideoId,
    [property: Id(5)] string? Caption,
    [property: Id(6)] List<string> Hashtags,
    [property: Id(7)] DateTimeOffset ScheduledAt,
    [property: Id(8)] int Attempts,
    [property: Id(9)] DateTimeOffset DueAt);
