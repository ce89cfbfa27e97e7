namespace Campaigns.Grains.Abstractions.Accounts;

/// <summary>One validated row of a bulk import with the id chosen for it.</summary>
[GenerateSerializer, Immutable]
public sealed record AccountImportItem([property: Id(0)] string Id, [property: Id(1)] AccountDraft Draft);
