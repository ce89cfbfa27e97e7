namespace Campaigns.Connectors.Platforms;

/// <summary>One video to publish on a real platform.</summary>
/// <param name="PushId">The push being published, for logs.</param>
/// <param name="MediaUrl">Where the video is: streamed to the platform, or handed over where the platform pulls it.</param>
/// <param name="Title">The video's title (YouTube needs one; others fold it into the caption when there is none).</param>
/// <param name="Caption">The caption, the platform's variant when there is one.</param>
/// <param name="Hashtags">Hashtags to append to the caption.</param>
/// <param name="DurationSeconds">The video's duration, checked against the platform's limits before any upload.</param>
/// <param name="CoverUrl">A cover image, where the platform takes one.</param>
public sealed record PlatformPost(
    string PushId,
    Uri MediaUrl,
    string? Title,
    string? Caption,
    IReadOnlyList<string> Hashtags,
    int? DurationSeconds,
    Uri? CoverUrl = null)
{
    /// <summary>The caption with the hashtags appended, as most platforms take them.</summary>
    public string Text()
    {
        var caption = string.IsNullOrWhiteSpace(Caption) ? Title ?? "" : Caption;
        var tags = string.Join(' ', Hashtags.Select(t => t.StartsWith('#') ? t : "#" + t));
        return tags.Length == 0 ? caption : caption.Length == 0 ? tags : caption + " " + tags;
    }
}
