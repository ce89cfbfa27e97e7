namespace Campaigns.Grains.Abstractions.Campaigns;

/// <summary>
/// The campaign grain (same key, same activation as <see cref="ICampaignGrain"/>) as the rule-review trigger sees it:
/// a durable wake-up when a rule window closes, so time-decided rules fire even after a restart with nobody calling.
/// </summary>
public interface ICampaignRulesGrain : IGrainWithStringKey
{
    /// <summary>Re-checks every rule decision that time alone can make, and the campaign's completion.</summary>
    Task ReviewRules();
}
