namespace Campaigns.Grains.Abstractions.Campaigns;

/// <summary>
/// What a campaign is for and how it runs; fixed once it is launched. <see cref="Strategy"/> is the base every kind
/// uses (for a tie-in its accounts are the celebrities); <see cref="TieIn"/> is set only for a tie-in. Members added
/// after the first release have defaults, so state stored before them still reads.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CampaignDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Brand,
    [property: Id(2)] string? Goal,
    [property: Id(3)] string TimeZone,
    [property: Id(4)] List<string> ProductIds,
    [property: Id(5)] List<string> VideoIds,
    [property: Id(6)] MatrixStrategy Strategy,
    [property: Id(7)] StrategyKind Kind = StrategyKind.Matrix,
    [property: Id(8)] TieInStrategy? TieIn = null,
    [property: Id(9)] List<AutomationRule>? Rules = null);
