namespace Campaigns.Grains.Abstractions.Common;

/// <summary>An expected refusal: the kind, a sentence for people, and the field at fault when there is one.</summary>
[GenerateSerializer, Immutable]
public sealed record CommandError(
    [property: Id(0)] ErrorKind Kind,
    [property: Id(1)] string Message,
    [property: Id(2)] string? Field = null);
