
using Campaigns.Grains.Abstractions.Brands;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Pushes;
using Campaigns.Grains.Common;
using Campaigns.Storage.Pushes;
namespace Campaigns.Grains.Brands;

/// <summary>
/// How owners that have no pause of their own (recurring schedules, standalone exchanges) answer a due push: held
/// while the push's brand is frozen, as its brand grain says.
/// </summary>
public static class BrandHolds
{
    /// <summary>Hold when the push's brand is frozen; otherwise fire.</summary>
    public static async Task<FireDecision> DecideAsync(IGrainFactory grains, PushQueries pushes, string agencyId, string pushId)
    {
        var push = await StorageCalls.Guard(() => pushes.GetAsync(agencyId, pushId));
        return push?.Brand is { Length: > 0 } brand && await grains.GetGrain<IBrandGrain>(GrainKeys.For(agencyId, brand)).IsFrozen()
            ? FireDecision.Hold
            : FireDecision.Fire;
    }
}
