namespace Campaigns.Domain.Accounts;

/// <summary>The adapter that publishes for an account.</summary>
public enum ConnectorType
{
    /// <summary>The in-process simulated platform (default).</summary>
    Sandbox,

    /// <summary>A signed HTTP call to the agency's own publisher.</summary>
    Webhook,

    /// <summary>TikTok's Content Posting API, connected by OAuth.</summary>
    Tiktok,

    /// <summary>YouTube Data API v3 (Shorts), connected by Google OAuth.</summary>
    Youtube,

    /// <summary>Instagram's content publishing API (Reels), connected by Instagram business login.</summary>
    Instagram,

    /// <summary>The Douyin open platform, connected by OAuth.</summary>
    Douyin,

    /// <summary>The Kuaishou open platform, connected by OAuth.</summary>
    Kuaishou,
}
