using Campaigns.Grains.Abstractions.Campaigns;
using Quartz;

namespace Campaigns.Scheduling.Campaigns;

/// <summary>Fired by a campaign's completion trigger: the campaign completes if every push has settled.</summary>
public sealed class CompletionCheckJob(IGrainFactory grains) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var key = context.GrainKey(CompletionChecks.AgencyKey, CompletionChecks.CampaignKey);
        // One-way: should the check fail, the trigger repeats; once the campaign ends it removes the trigger.
        await grains.GetGrain<ICampaignGrain>(key).CheckCompletion();
    }
}
