using Campaigns.Grains.Abstractions.Brands;
using Quartz;

namespace Campaigns.Scheduling.Brands;

/// <summary>Fired by a brand's apply trigger: the brand grain finishes applying its freeze or unfreeze, and removes the trigger once done.</summary>
public sealed class BrandApplyJob(IGrainFactory grains) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var key = context.GrainKey(BrandApplyTriggers.AgencyKey, BrandApplyTriggers.BrandKey);
        // Should it fail again, the trigger repeats.
        await grains.GetGrain<IBrandGrain>(key).FinishApplying();
    }
}
