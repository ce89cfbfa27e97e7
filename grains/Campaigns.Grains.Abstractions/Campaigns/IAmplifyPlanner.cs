namespace Campaigns.Grains.Abstractions.Campaigns;

/// <summary>
/// Plans an amplify rule's new pushes. Planning needs the read model and the matrix planner, which live above the
/// grains (in the application layer); the campaign grain gets this service injected instead of referencing them.
/// </summary>
public interface IAmplifyPlanner
{
    /// <summary>Plans one push of the video for each account of the set, starting now; changes nothing.</summary>
    Task<AmplifyPlan> PlanAsync(AmplifyRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// What to amplify: the campaign (its products, time zone and stagger), the rule's account set (a selector's
/// <c>topByAffinity</c> ranks by affinity to the video and the campaign's products), the winning video, and the
/// accounts never to pick (those that already post in the campaign). The exclusion applies before the top-N cut.
/// </summary>
public sealed record AmplifyRequest(
    string AgencyId,
    CampaignDefinition Definition,
    AccountSet Accounts,
    string VideoId,
    IReadOnlySet<string> ExcludedAccountIds);

/// <summary>The pushes an amplify would add, in time order, and what it could not do (as timeline text).</summary>
public sealed record AmplifyPlan(IReadOnlyList<LaunchPush> Pushes, IReadOnlyList<string> Warnings);
