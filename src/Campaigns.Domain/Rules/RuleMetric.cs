namespace Campaigns.Domain.Rules;

/// <summary>What an automation rule watches on a push.</summary>
public enum RuleMetric
{
    Views,
    Likes,
    Comments,
    Shares,
    Clicks,
    Orders,
    Gmv,

    /// <summary>(likes + comments + shares) / views.</summary>
    EngagementRate,

    /// <summary>orders / clicks.</summary>
    ConversionRate,
}
