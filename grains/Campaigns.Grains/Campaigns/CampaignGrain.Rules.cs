namespace Campaigns.Grains.Campaigns;

/// <summary>Automation rules: amplify a winner, stop an underperforming account.</summary>
public sealed partial class CampaignGrain
{
    private partial Task EvaluateRulesAsync(IReadOnlyCollection<string> changed) => Task.CompletedTask;
}
