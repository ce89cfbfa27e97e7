namespace Campaigns.Grains.Abstractions.Accounts;

/// <summary>A validated partial update; a null member leaves that field as it is.</summary>
[GenerateSerializer, Immutable]
public sealed record AccountPatch(
    [property: Id(0)] string? DisplayName = null,
    [property: Id(1)] string? Brand = null,
    [property: Id(2)] string? Persona = null,
    [property: Id(3)] Dictionary<string, double>? AudienceTags = null,
    [property: Id(4)] string? TimeZone = null,
    [property: Id(5)] AccountCaps? Caps = null,
    [property: Id(6)] AccountConnector? Connector = null);
