using Campaigns.Grains.Abstractions.Common;

namespace Campaigns.Grains.Abstractions.Campaigns;

/// <summary>One campaign, keyed <c>{agencyId}/{campaignId}</c>: its definition, lifecycle and timeline.</summary>
public interface ICampaignGrain : IPushOwnerGrain
{
    /// <summary>Creates the campaign as a draft.</summary>
    Task<Outcome<CampaignSnapshot>> Create(CampaignDefinition definition);

    /// <summary>The campaign, or null when it does not exist.</summary>
    Task<CampaignSnapshot?> Get();

    /// <summary>Stores the planned pushes durably, schedules their triggers and moves draft → scheduled.</summary>
    Task<Outcome<CampaignSnapshot>> Launch(List<LaunchPush> pushes, List<string> warnings);

    /// <summary>Holds every push not yet fired; answers once the pushes already firing have landed.</summary>
    Task<Outcome<CampaignSnapshot>> Pause(string reason);

    /// <summary>Releases held pushes; those already due fire at once (or are skipped when stale).</summary>
    Task<Outcome<CampaignSnapshot>> Resume(string reason);

    /// <summary>Cancels every push not yet fired; answers once the pushes already firing have landed, so none publishes afterwards.</summary>
    Task<Outcome<CampaignSnapshot>> Cancel(string reason);

    /// <summary>Re-evaluates a tie-in's waiting gate now (its deadline trigger fired); does nothing for other campaigns.</summary>
    Task ReviewWaves();
}
