using System.Collections.Frozen;
using Campaigns.Domain.Accounts;

namespace Campaigns.Domain.Videos;

/// <summary>
/// The largest video file each platform's publishing API takes, beside the duration limits of
/// <see cref="PlatformLimits"/>. Only platforms with a publishing API have a figure; docs/platforms/ says where each
/// comes from and which are assumptions.
/// </summary>
public static class UploadLimits
{
    private const long MiB = 1024 * 1024;
    private const long GiB = 1024 * MiB;

    private static readonly FrozenDictionary<Platform, long> MaxBytes = new Dictionary<Platform, long>
    {
        [Platform.Tiktok] = 4 * GiB,           // TikTok media transfer guide: videos up to 4 GB.
        [Platform.YoutubeShorts] = 256 * GiB,  // YouTube help: uploads up to 256 GB.
        [Platform.InstagramReels] = 300 * MiB, // Meta's Reels specification for the publishing API (assumed).
        [Platform.Douyin] = 4 * GiB,           // Douyin open platform: part uploads up to 4 GB in total.
        [Platform.Kuaishou] = 4 * GiB,         // Kuaishou open platform: no figure found; assumed like Douyin.
    }.ToFrozenDictionary();

    /// <summary>The largest file the platform's API takes, or null when it has no publishing API here.</summary>
    public static long? MaxBytesFor(Platform platform) => MaxBytes.TryGetValue(platform, out var bytes) ? bytes : null;

    /// <summary>
    /// Why the platform would refuse a video of this size and duration (the first reason), or null when it would take
    /// it. Unknown values pass: the size is checked again once the media's headers are read.
    /// </summary>
    public static LimitViolation? Check(Platform platform, long? sizeBytes, int? durationSeconds)
    {
        var limit = PlatformLimits.For(platform);
        var name = Common.WireName<Platform>.Of(platform);
        if (durationSeconds is { } seconds && (seconds < limit.MinDurationSeconds || seconds > limit.MaxDurationSeconds))
        {
            return new LimitViolation("durationSeconds", $"{name} accepts videos of {limit.MinDurationSeconds} to {limit.MaxDurationSeconds} seconds; this one lasts {seconds}.");
        }
        if (sizeBytes is { } size && MaxBytesFor(platform) is { } max && size > max)
        {
            return new LimitViolation("mediaUrl", $"{name} accepts files of up to {max} bytes; this one has {size}.");
        }
        return sizeBytes is 0 ? new LimitViolation("mediaUrl", "The media file is empty.") : null;
    }
}
