namespace Campaigns.Grains.Campaigns;

/// <summary>The celebrity tie-in: gated waves released by engagement or by their timeout.</summary>
public sealed partial class CampaignGrain
{
    private partial Task EvaluateWavesAsync(IReadOnlyCollection<string> changed) => Task.CompletedTask;
}
