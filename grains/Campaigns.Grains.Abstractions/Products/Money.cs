namespace Campaigns.Grains.Abstractions.Products;

/// <summary>An amount in an ISO 4217 currency.</summary>
[GenerateSerializer, Immutable]
public sealed record Money([property: Id(0)] decimal Amount, [property: Id(1)] string Currency);
