namespace Campaigns.Connectors.Platforms.TikTok;

/// <summary>
/// TikTok settings, bound from <c>Campaigns:Platforms:TikTok</c>. The per-token quotas default to what the Content
/// Posting API documents: 6 <c>video/init</c> and 30 <c>status/fetch</c> requests a minute per user access_token.
/// </summary>
public sealed class TikTokOptions() : PlatformOptions(
    "TikTok", new Uri("https://open.tiktokapis.com"), new Uri("https://www.tiktok.com"), publishQuota: 6, statusQuota: 30)
{
    /// <summary>Smallest chunk TikTok takes (5 MB; a whole video below it goes as one chunk).</summary>
    public const long MinChunkBytes = 5 * 1024 * 1024;

    /// <summary>Largest chunk TikTok takes (64 MB, read as decimal to be safe).</summary>
    public const long MaxChunkBytes = 64_000_000;

    /// <summary>Bytes per uploaded chunk (default 16 MiB); the last chunk takes the remainder.</summary>
    public long ChunkBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>The privacy level posts ask for; it must be one the creator's account offers (default public).</summary>
    public string PrivacyLevel { get; set; } = "PUBLIC_TO_EVERYONE";

    /// <summary>
    /// URL prefixes verified in the TikTok developer console. Media under one of them is handed over with
    /// PULL_FROM_URL (TikTok fetches it); any other media is streamed with FILE_UPLOAD.
    /// </summary>
    public List<string> PullFromUrlPrefixes { get; set; } = [];

    /// <inheritdoc />
    public override string? Problem() =>
        base.Problem()
        ?? (ChunkBytes is < MinChunkBytes or > MaxChunkBytes ? $"{Section}:ChunkBytes must be between {MinChunkBytes} and {MaxChunkBytes}." : null)
        ?? (string.IsNullOrWhiteSpace(PrivacyLevel) ? $"{Section}:PrivacyLevel must not be empty." : null);

    /// <summary>Whether TikTok may pull this media itself.</summary>
    public bool CanPull(Uri media) =>
        PullFromUrlPrefixes.Any(prefix => media.AbsoluteUri.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
}
