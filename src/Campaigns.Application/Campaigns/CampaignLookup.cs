using Campaigns.Application.Common;
using Campaigns.Grains.Abstractions.Campaigns;

namespace Campaigns.Application.Campaigns;

/// <summary>Finds an agency's campaign grain from a client-supplied id.</summary>
public static class CampaignLookup
{
    public const string Prefix = "cam";

    public static ICampaignGrain? Grain(IGrainFactory grains, string agencyId, string campaignId) =>
        EntityLookup.Grain<ICampaignGrain>(grains, agencyId, campaignId, Prefix);
}
