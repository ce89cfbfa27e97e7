using System.Text.Json.Serialization;
using Campaigns.Application.Reports;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Domain.Videos;
using Campaigns.Grains.Abstractions.Videos;

namespace Campaigns.Application.Videos;

/// <summary>A per-platform variant as the API shows it.</summary>
public sealed record VariantView(string? Caption, IReadOnlyList<string> Hashtags);

/// <summary>A video as the API shows it; reads carry its <see cref="Stats"/>, commands answer without them.</summary>
public sealed record VideoView(
    string Id,
    string Title,
    string? Copy,
    string Type,
    int DurationSeconds,
    string? MediaUrl,
    string? CoverUrl,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> ProductIds,
    IReadOnlyDictionary<string, VariantView> Variants,
    bool ArEffect,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EngagementStatsView? Stats = null)
{
    public static VideoView From(VideoSnapshot v) => new(
        v.Id, v.Title, v.Copy, WireName<VideoType>.Of(v.Type), v.DurationSeconds, v.MediaUrl, v.CoverUrl, v.Tags, v.Topics, v.ProductIds,
        v.Variants.ToDictionary(p => WireName<Platform>.Of(p.Key), p => new VariantView(p.Value.Caption, p.Value.Hashtags)),
        v.ArEffect, v.CreatedAt, v.UpdatedAt);
}
