namespace Campaigns.Domain.Accounts;

/// <summary>A short-video platform an account publishes on.</summary>
public enum Platform
{
    Douyin,
    Kuaishou,
    Meipai,
    WechatChannels,
    Xiaohongshu,
    Bilibili,
    Tiktok,
    YoutubeShorts,
    InstagramReels,

    /// <summary>The simulated platform used for demos and tests.</summary>
    Sandbox,
}
