
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Rules;
using Quartz;
namespace Campaigns.Scheduling.Rules;

/// <summary>Fired when a campaign's next rule window closes: the campaign reviews its rules.</summary>
public sealed class RuleReviewJob(IGrainFactory grains) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var key = GrainKeys.For(data.GetString(RuleReviewTriggers.AgencyKey)!, data.GetString(RuleReviewTriggers.CampaignKey)!);
        await grains.GetGrain<ICampaignRulesGrain>(key).ReviewRules();
    }
}
