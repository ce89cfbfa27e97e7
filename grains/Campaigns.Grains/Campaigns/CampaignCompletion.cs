using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Common;

namespace Campaigns.Grains.Campaigns;

/// <summary>
/// When a campaign has completed: it is scheduled or running, its rules hold nothing back (no window still open), and
/// none of its pushes is scheduled or publishing. Checked once a second after a burst of settlements — a grain timer,
/// not a poll, so a campaign whose pushes are spread over days costs nothing between them — and by the durable
/// completion trigger (<see cref="CampaignPushes.WatchAsync"/>), which stands in for a timer lost in a crash. The
/// campaign grain writes what follows. One per activation.
/// </summary>
internal sealed class CampaignCompletion(
    IGrainBase grain, (string AgencyId, string Id) campaign, CampaignPushes pushes, CampaignCompanions companions, Func<Task> check)
{
    /// <summary>How long after a settlement the campaign looks: one check for a burst of them.</summary>
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    private OneShotTimer? _timer;

    /// <summary>Checks in a second; arming it again meanwhile changes nothing.</summary>
    public void Soon() => (_timer ??= new OneShotTimer(grain, check)).Arm(Delay);

    /// <summary>
    /// How the pushes of <paramref name="current"/> ended ("3 published, 1 failed") once it has completed, else null. A
    /// campaign not launched, paused (its resume sets the trigger again) or ended has nothing to watch for now: its
    /// durable trigger goes. The pushes the rules' firings added are handed to <paramref name="countRulePushes"/> first,
    /// whether or not the rules hold completion back.
    /// </summary>
    public async Task<string?> SettledAsync(CampaignSnapshot? current, Func<int, Task> countRulePushes)
    {
        if (current is not { Status: CampaignStatus.Scheduled or CampaignStatus.Running })
        {
            await pushes.UnwatchAsync(campaign.AgencyId, campaign.Id);
            return null;
        }
        if (await companions.HoldsCompletionAsync(current.Definition) is { } verdict)
        {
            await countRulePushes(verdict.PushesAdded);
            if (verdict.Holds)
            {
                return null;
            }
        }
        return await pushes.SettledAsync(campaign.AgencyId, campaign.Id);
    }
}
