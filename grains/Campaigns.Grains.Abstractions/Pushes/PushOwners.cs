
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Schedules;
namespace Campaigns.Grains.Abstractions.Pushes;

/// <summary>Finds the grain that owns a push: its campaign, the recurring schedule that made it, or its standalone exchange.</summary>
public static class PushOwners
{
    /// <summary>The owner named <paramref name="ownerId"/> (a campaign, schedule or exchange id) of the agency.</summary>
    public static IPushOwnerGrain Of(IGrainFactory grains, string agencyId, string ownerId)
    {
        var key = GrainKeys.For(agencyId, ownerId);
        if (ownerId.StartsWith(Exchanges.ExchangeLedger.Prefix + "_", StringComparison.Ordinal))
        {
            return grains.GetGrain<Exchanges.IExchangeGrain>(key);
        }
        return ownerId.StartsWith(ScheduleIds.Prefix + "_", StringComparison.Ordinal)
            ? grains.GetGrain<IScheduleGrain>(key)
            : grains.GetGrain<ICampaignGrain>(key);
    }
}
