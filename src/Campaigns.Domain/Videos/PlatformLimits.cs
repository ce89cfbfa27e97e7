using System.Collections.Frozen;
using Campaigns.Domain.Accounts;

namespace Campaigns.Domain.Videos;

/// <summary>
/// The one table of per-platform publishing limits. Figures are those the platforms' own creator help pages gave
/// for uploads in 2024–2025; platforms change them, and this table is the only place to follow. Where a platform
/// publishes no hard hashtag limit, the figure is the point past which its own guidance says tags are ignored or
/// the post is treated as spam.
/// </summary>
public static class PlatformLimits
{
    private static readonly FrozenDictionary<Platform, PlatformLimit> Table = new PlatformLimit[]
    {
        new(Platform.Douyin, 1000, 10, 1, 60 * 60, "Douyin creator centre: descriptions up to 1,000 characters; uploads up to 60 minutes."),
        new(Platform.Kuaishou, 500, 10, 1, 30 * 60, "Kuaishou creator help: captions up to 500 characters; uploads up to 30 minutes."),
        new(Platform.Meipai, 500, 10, 1, 10 * 60, "Meipai upload guide: captions up to 500 characters; videos up to 10 minutes."),
        new(Platform.WechatChannels, 1000, 10, 1, 60 * 60, "WeChat Channels (视频号) assistant: descriptions up to 1,000 characters; uploads up to 60 minutes."),
        new(Platform.Xiaohongshu, 1000, 10, 1, 15 * 60, "Xiaohongshu creator centre: note body up to 1,000 characters, up to 10 topics; videos up to 15 minutes."),
        new(Platform.Bilibili, 2000, 10, 1, 10 * 60 * 60, "Bilibili upload page: description up to 2,000 characters, up to 10 tags; long uploads allowed."),
        new(Platform.Tiktok, 4000, 30, 1, 10 * 60, "TikTok help centre: captions up to 4,000 characters; in-app uploads up to 10 minutes."),
        new(Platform.YoutubeShorts, 5000, 60, 1, 3 * 60, "YouTube help: Shorts up to 3 minutes; descriptions up to 5,000 characters; more than 60 hashtags are all ignored."),
        new(Platform.InstagramReels, 2200, 30, 1, 3 * 60, "Instagram help: captions up to 2,200 characters and 30 hashtags; Reels up to 3 minutes."),
        new(Platform.Sandbox, 10_000, 100, 1, 24 * 60 * 60, "Our simulated platform: generous limits so demos never trip over them."),
    }.ToFrozenDictionary(l => l.Platform);

    /// <summary>The limits of a platform.</summary>
    public static PlatformLimit For(Platform platform) => Table[platform];

    /// <summary>Every platform's limits, in the order of <see cref="Platform"/>.</summary>
    public static IEnumerable<PlatformLimit> All => Enum.GetValues<Platform>().Select(For);

    /// <summary>What a platform would reject in a caption, hashtag list and duration; empty when it would accept all.</summary>
    public static IReadOnlyList<LimitViolation> Check(Platform platform, string? caption, int hashtagCount, int? durationSeconds)
    {
        var limit = For(platform);
        var name = Common.WireName<Platform>.Of(platform);
        var violations = new List<LimitViolation>();
        if (caption is not null && caption.Length > limit.MaxCaptionLength)
        {
            violations.Add(new LimitViolation("caption", $"Longer than {limit.MaxCaptionLength} characters, the most {name} accepts."));
        }
        if (hashtagCount > limit.MaxHashtags)
        {
            violations.Add(new LimitViolation("hashtags", $"More than {limit.MaxHashtags} hashtags, the most {name} accepts."));
        }
        if (durationSeconds is { } seconds && (seconds < limit.MinDurationSeconds || seconds > limit.MaxDurationSeconds))
        {
            violations.Add(new LimitViolation("durationSeconds", $"{name} accepts videos of {limit.MinDurationSeconds} to {limit.MaxDurationSeconds} seconds."));
        }
        return violations;
    }
}

/// <summary>One field a platform would reject, and why.</summary>
public sealed record LimitViolation(string Field, string Message);
