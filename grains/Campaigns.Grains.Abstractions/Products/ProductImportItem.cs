namespace Campaigns.Grains.Abstractions.Products;

/// <summary>One validated row of a product import with the id chosen for it.</summary>
[GenerateSerializer, Immutable]
public sealed record ProductImportItem([property: Id(0)] string Id, [property: Id(1)] ProductDraft Draft);
