using Campaigns.Application.Common;
using Campaigns.Grains.Abstractions.Videos;

namespace Campaigns.Application.Videos;

/// <summary>Finds an agency's video grain from a client-supplied id.</summary>
public static class VideoLookup
{
    public const string Prefix = "vid";

    public static IVideoGrain? Grain(IGrainFactory grains, string agencyId, string videoId) =>
        EntityLookup.Grain<IVideoGrain>(grains, agencyId, videoId, Prefix);
}
