namespace Campaigns.Grains.Abstractions.Campaigns;

/// <summary>Why a campaign was paused or resumed; recorded in its timeline.</summary>
public static class CampaignReasons
{
    /// <summary>By an agency's request on the campaign itself.</summary>
    public const string Requested = "requested";

    /// <summary>By a freeze of its brand: an unfreeze resumes only campaigns paused this way.</summary>
    public const string BrandFreeze = "brand-freeze";
}
