namespace Campaigns.Grains.Abstractions.Campaigns;

/// <summary>A campaign as it is now. Push counts are read from the pushes table, not kept here.</summary>
[GenerateSerializer, Immutable]
public sealed record CampaignSnapshot(
    [property: Id(0)] string Id,
    [property: Id(1)] string AgencyId,
    [property: Id(2)] CampaignDefinition Definition,
    [property: Id(3)] CampaignStatus Status,
    [property: Id(4)] int Planned,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset UpdatedAt,
    [property: Id(7)] DateTimeOffset? LaunchedAt,
    [property: Id(8)] long Version);
