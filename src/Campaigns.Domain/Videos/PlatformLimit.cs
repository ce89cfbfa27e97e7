using Campaigns.Domain.Accounts;

namespace Campaigns.Domain.Videos;

/// <summary>What one platform accepts for a short video's caption, hashtags and duration, and where the figures come from.</summary>
public sealed record PlatformLimit(
    Platform Platform,
    int MaxCaptionLength,
    int MaxHashtags,
    int MinDurationSeconds,
    int MaxDurationSeconds,
    string Source);
