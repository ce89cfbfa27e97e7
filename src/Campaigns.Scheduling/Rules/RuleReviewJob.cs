
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Rules;
using Quartz;
namespace Campaigns.Scheduling.Rules;

/// <summary>Fired when a campaign's next rule window closes: the campaign reviews its rules.</summary>
public sealed class RuleReviewJob(IGrainFactory grains) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var key = context.GrainKey(RuleReviewTriggers.AgencyKey, RuleReviewTriggers.CampaignKey);
        await grains.GetGrain<ICampaignRulesGrain>(key).ReviewRules();
    }
}
