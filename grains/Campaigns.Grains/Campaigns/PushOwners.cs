using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;

namespace Campaigns.Grains.Campaigns;

/// <summary>Finds the grain that owns a push: its campaign, or the recurring schedule that made it.</summary>
public static class PushOwners
{
    /// <summary>The owner named <paramref name="ownerId"/> (a campaign or schedule id) of the agency.</summary>
    public static IPushOwnerGrain Of(IGrainFactory grains, string agencyId, string ownerId)
    {
        var key = GrainKeys.For(agencyId, ownerId);
        return ownerId.StartsWith(ScheduleIds.Prefix + "_", StringComparison.Ordinal)
            ? grains.GetGrain<IScheduleGrain>(key)
            : grains.GetGrain<ICampaignGrain>(key);
    }
}
