using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Waves;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Videos;

namespace Campaigns.Application.Campaigns;

/// <summary>
/// A celebrity tie-in's plan: the celebrities (the base accounts) are wave 0, each later wave's set is resolved like a
/// matrix's, and <see cref="TieInPlanner"/> leaves out accounts of earlier waves and plans each wave as a matrix.
/// </summary>
public sealed partial class CampaignPlanning
{
    private async Task<(Plan Plan, IReadOnlyDictionary<string, AccountSnapshot> Accounts)> PlanTieInAsync(
        string agencyId, CampaignDefinition definition, CancellationToken cancellationToken)
    {
        var strategy = definition.Strategy;
        var videoDocs = await videos.DocumentsAsync(agencyId, strategy.VideoIds, cancellationToken);
        var videoList = strategy.VideoIds.Where(videoDocs.ContainsKey).Select(id => Documents.Deserialize<VideoSnapshot>(videoDocs[id])).ToList();

        var sets = new List<(AccountSet Set, TimeSpan Stagger)> { (strategy.Accounts, strategy.Stagger) };
        sets.AddRange(definition.TieIn!.Waves.Select(w => (w.Accounts, TimeSpan.FromSeconds(w.StaggerSeconds))));
        var waves = new List<(List<AccountSnapshot> Accounts, TimeSpan Stagger, int? Limit)>();
        var excluded = 0;
        foreach (var (set, stagger) in sets)
        {
            // A top-N wave ranks N + (accounts of earlier waves) so that N remain once those are left out.
            var limit = set.Selector?.TopByAffinity;
            var widened = limit is { } top ? set with { Selector = set.Selector! with { TopByAffinity = top + excluded } } : set;
            var resolved = await ResolveAccountsAsync(agencyId, definition with { Strategy = strategy with { Accounts = widened } }, videoList, new HashSet<string>(), cancellationToken);
            waves.Add((resolved, stagger, limit));
            excluded += limit ?? resolved.Count;
        }

        var everyone = waves.SelectMany(w => w.Accounts).DistinctBy(a => a.Id).ToList();
        var taken = await pushes.TakenAsync(agencyId, everyone.Select(a => a.Id).ToList(),
            clock.GetUtcNow().AddDays(-1).ToUnixTimeMilliseconds(), cancellationToken);
        var start = strategy.StartAt < clock.GetUtcNow() ? clock.GetUtcNow() : strategy.StartAt;
        var plan = TieInPlanner.Plan(new TieInRequest(
            waves.Select(w => new TieInWaveRequest(w.Accounts.Select(ToPlanning).ToList(), w.Stagger, w.Limit)).ToList(),
            videoList.Select(ToPlanning).ToList(), start), taken);
        return (plan, everyone.ToDictionary(a => a.Id));
    }

    private static PlanningAccount ToPlanning(AccountSnapshot a) => new(a.Id, a.Platform, a.TimeZone, a.Caps.ToDomain(), a.Status);

    private static PlanningVideo ToPlanning(VideoSnapshot v) => new(v.Id, v.DurationSeconds, v.Title, v.Topics,
        v.Variants.ToDictionary(p => p.Key, p => new PlanningVariant(p.Value.Caption, p.Value.Hashtags)));
}
