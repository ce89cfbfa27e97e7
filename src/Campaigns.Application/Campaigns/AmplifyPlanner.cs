using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Campaigns;

namespace Campaigns.Application.Campaigns;

/// <summary>
/// An amplify rule's plan, made by the campaign planner itself: the campaign with the rule's accounts in place of
/// the strategy's, the winning video as its only video, one post per account, starting now with the campaign's
/// stagger. So an amplify selects, ranks (topByAffinity to the video and the campaign's products) and respects caps,
/// quiet hours and variants exactly as a launch does.
/// </summary>
public sealed class AmplifyPlanner(CampaignPlanning planning, TimeProvider clock) : IAmplifyPlanner
{
    public async Task<AmplifyPlan> PlanAsync(AmplifyRequest request, CancellationToken cancellationToken)
    {
        // Planned as a plain matrix whatever the campaign's kind: an amplify has no waves and no pairs.
        var definition = request.Definition with
        {
            Kind = StrategyKind.Matrix,
            TieIn = null,
            Rules = null,
            Strategy = request.Definition.Strategy with
            {
                Accounts = request.Accounts,
                VideoIds = [request.VideoId],
                StartAt = clock.GetUtcNow(),
                PostsPerAccount = 1,
            },
        };
        var (plan, accounts) = await planning.PlanAsync(request.AgencyId, definition, cancellationToken, request.ExcludedAccountIds);
        return new AmplifyPlan(
            plan.Pushes.Select(p => new LaunchPush(
                p.AccountId, WireName<Platform>.Of(accounts[p.AccountId].Platform), p.VideoId, p.ScheduledAt, p.Wave, p.Caption, p.Hashtags.ToList())).ToList(),
            plan.Warnings.Select(w => $"[{w.Code}] {w.AccountId} {w.Message}".Replace("  ", " ")).ToList());
    }
}
