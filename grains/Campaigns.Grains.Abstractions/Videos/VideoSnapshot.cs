using Campaigns.Domain.Accounts;
using Campaigns.Domain.Videos;

namespace Campaigns.Grains.Abstractions.Videos;

/// <summary>A video as it is now.</summary>
[GenerateSerializer, Immutable]
public sealed record VideoSnapshot(
    [property: Id(0)] string Id,
    [property: Id(1)] string AgencyId,
    [property: Id(2)] string Title,
    [property: Id(3)] string? Copy,
    [property: Id(4)] VideoType Type,
    [property: Id(5)] int DurationSeconds,
    [property: Id(6)] string? MediaUrl,
    [property: Id(7)] string? CoverUrl,
    [property: Id(8)] List<string> Tags,
    [property: Id(9)] List<string> Topics,
    [property: Id(10)] List<string> ProductIds,
    [property: Id(11)] Dictionary<Platform, VideoVariant> Variants,
    [property: Id(12)] bool ArEffect,
    [property: Id(13)] DateTimeOffset CreatedAt,
    [property: Id(14)] DateTimeOffset UpdatedAt,
    [property: Id(15)] long Version);
