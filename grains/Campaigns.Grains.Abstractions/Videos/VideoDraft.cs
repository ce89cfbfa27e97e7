using Campaigns.Domain.Accounts;
using Campaigns.Domain.Videos;

namespace Campaigns.Grains.Abstractions.Videos;

/// <summary>A validated request to create a video (tags normalised, products checked).</summary>
[GenerateSerializer, Immutable]
public sealed record VideoDraft(
    [property: Id(0)] string Title,
    [property: Id(1)] string? Copy,
    [property: Id(2)] VideoType Type,
    [property: Id(3)] int DurationSeconds,
    [property: Id(4)] string? MediaUrl,
    [property: Id(5)] string? CoverUrl,
    [property: Id(6)] List<string> Tags,
    [property: Id(7)] List<string> Topics,
    [property: Id(8)] List<string> ProductIds,
    [property: Id(9)] Dictionary<Platform, VideoVariant> Variants,
    [property: Id(10)] bool ArEffect);
