namespace Campaigns.Grains.Abstractions.Videos;

/// <summary>How a video is captioned on one platform.</summary>
[GenerateSerializer, Immutable]
public sealed record VideoVariant([property: Id(0)] string? Caption, [property: Id(1)] List<string> Hashtags);
