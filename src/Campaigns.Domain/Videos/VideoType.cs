namespace Campaigns.Domain.Videos;

/// <summary>The kinds of short video the paper names (2.1, 3.2), plus <see cref="Other"/>.</summary>
public enum VideoType
{
    Documentary,
    InfluencerIp,
    Grassroots,
    Skit,
    SkillSharing,
    ProductShowcase,
    AfterSales,
    Other,
}
