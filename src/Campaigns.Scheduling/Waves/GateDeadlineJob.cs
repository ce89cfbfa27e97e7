
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Waves;
using Quartz;
namespace Campaigns.Scheduling.Waves;

/// <summary>Fired at a tie-in gate's deadline: the campaign's waves grain reviews its waiting gate (and times it out if still closed).</summary>
public sealed class GateDeadlineJob(IGrainFactory grains) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var key = context.GrainKey(GateDeadlines.AgencyKey, GateDeadlines.CampaignKey);
        await grains.GetGrain<ICampaignWavesGrain>(key).Review();
    }
}
