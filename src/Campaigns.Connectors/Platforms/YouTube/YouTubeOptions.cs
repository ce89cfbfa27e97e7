namespace Campaigns.Connectors.Platforms.YouTube;

/// <summary>YouTube settings, bound from <c>Campaigns:Platforms:YouTube</c>.</summary>
public sealed class YouTubeOptions() : PlatformOptions("YouTube", new Uri("https://www.googleapis.com"), new Uri("https://accounts.google.com"))
{
    /// <summary>Resumable upload chunks must be multiples of this (256 KiB), except the last.</summary>
    public const long ChunkGranularity = 256 * 1024;

    /// <summary>Google's token endpoint, which lives on its own host.</summary>
    public Uri TokenUrl { get; set; } = new("https://oauth2.googleapis.com/token");

    /// <summary>Bytes per upload request (default 8 MiB, a multiple of 256 KiB).</summary>
    public long ChunkBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>The privacy status uploads ask for: public, unlisted or private (default public).</summary>
    public string PrivacyStatus { get; set; } = "public";

    /// <summary>The category id of uploads (default 22, People &amp; Blogs).</summary>
    public string CategoryId { get; set; } = "22";

    /// <summary>
    /// Uploads the project may make a day (videos.insert has its own daily bucket, 100 by default): for the
    /// account grain's quota, which should share it across accounts.
    /// </summary>
    public int DailyUploadBudget { get; set; } = 100;

    /// <inheritdoc />
    public override string? Problem() =>
        base.Problem()
        ?? (!IsHttpUrl(TokenUrl) ? $"{Section}:TokenUrl must be an absolute http(s) URL." : null)
        ?? (ChunkBytes <= 0 || ChunkBytes % ChunkGranularity != 0 ? $"{Section}:ChunkBytes must be a positive multiple of {ChunkGranularity}." : null)
        ?? (PrivacyStatus is not ("public" or "unlisted" or "private") ? $"{Section}:PrivacyStatus must be public, unlisted or private." : null)
        ?? (DailyUploadBudget < 1 ? $"{Section}:DailyUploadBudget must be at least 1." : null);
}
