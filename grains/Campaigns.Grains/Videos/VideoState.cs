using Campaigns.Grains.Abstractions.Videos;

namespace Campaigns.Grains.Videos;

/// <summary>The persisted state of a video grain.</summary>
[GenerateSerializer]
public sealed class VideoState
{
    /// <summary>The video as last written; null until created.</summary>
    [Id(0)] public VideoSnapshot? Video { get; set; }
}
