namespace Campaigns.Grains.Abstractions.Campaigns;

/// <summary>What a campaign is for and how it runs; fixed once it is launched.</summary>
[GenerateSerializer, Immutable]
public sealed record CampaignDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Brand,
    [property: Id(2)] string? Goal,
    [property: Id(3)] string TimeZone,
    [property: Id(4)] List<string> ProductIds,
    [property: Id(5)] List<string> VideoIds,
    [property: Id(6)] MatrixStrategy Strategy);
