using Campaigns.Grains.Abstractions.Common;

namespace Campaigns.Grains.Abstractions.Videos;

/// <summary>One video of an agency's content library, keyed <c>{agencyId}/{videoId}</c>.</summary>
public interface IVideoGrain : IGrainWithStringKey
{
    /// <summary>Creates the video.</summary>
    Task<Outcome<VideoSnapshot>> Create(VideoDraft draft);

    /// <summary>The video, or null when it does not exist.</summary>
    Task<VideoSnapshot?> Get();
}
