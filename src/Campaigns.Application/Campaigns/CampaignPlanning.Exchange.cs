
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Exchanges;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Campaigns;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Videos;
namespace Campaigns.Application.Campaigns;

/// <summary>The exchange strategy's plan: the matcher pairs the pool, the exchange planner times each pair's two posts.</summary>
public sealed partial class CampaignPlanning
{
    private async Task<(Plan Plan, IReadOnlyDictionary<string, AccountSnapshot> Accounts)> PlanExchangeAsync(
        string agencyId, CampaignDefinition definition, CancellationToken cancellationToken)
    {
        var strategy = definition.Strategy;
        var videoDocs = await videos.DocumentsAsync(agencyId, strategy.VideoIds, cancellationToken);
        var videoList = strategy.VideoIds.Where(videoDocs.ContainsKey).Select(id => Documents.Deserialize<VideoSnapshot>(videoDocs[id])).ToList();
        var pool = await ResolveAsync(agencyId, strategy.Accounts, definition.ProductIds, videoList, cancellationToken);
        var (match, warnings) = await MatchAsync(agencyId, pool, null, null, cancellationToken);

        var byId = pool.ToDictionary(a => a.Id);
        var taken = await pushes.TakenAsync(agencyId, pool.Select(a => a.Id).ToList(),
            clock.GetUtcNow().AddDays(-1).ToUnixTimeMilliseconds(), cancellationToken);
        var start = strategy.StartAt < clock.GetUtcNow() ? clock.GetUtcNow() : strategy.StartAt;
        var plan = ExchangePlanner.Plan(new ExchangePlanRequest(
            match.Proposals.Select(p => (Planning(byId[p.AccountA]), Planning(byId[p.AccountB]))).ToList(),
            videoList.Select(v => new PlanningVideo(v.Id, v.DurationSeconds, v.Title, v.Topics,
                v.Variants.ToDictionary(p => p.Key, p => new PlanningVariant(p.Value.Caption, p.Value.Hashtags)))).ToList(),
            start, strategy.Stagger), taken);
        return (plan with { Warnings = [.. warnings, .. plan.Warnings] }, byId);
    }

    /// <summary>
    /// Pairs a pool with the matcher: active accounts only (suspended ones are left unpaired, with a warning), each
    /// with its current ledger totals so that no pair would break the credit limit. Rules default to the settings.
    /// </summary>
    public async Task<(MatchResult Match, IReadOnlyList<PlanWarning> Warnings)> MatchAsync(
        string agencyId, IReadOnlyList<AccountSnapshot> pool, double? minSimilarity, double? minReachRatio, CancellationToken cancellationToken)
    {
        var warnings = new List<PlanWarning>();
        var active = new List<AccountSnapshot>();
        foreach (var account in pool.DistinctBy(a => a.Id))
        {
            if (account.Status == Domain.Accounts.AccountStatus.Active)
            {
                active.Add(account);
            }
            else
            {
                warnings.Add(new PlanWarning("account-suspended", "The account is suspended and is not paired.", account.Id));
            }
        }
        var totals = await ledger.TotalsAsync(agencyId, active.Select(a => a.Id).ToList(), cancellationToken);
        var settings = exchangeOptions.Value;
        var match = ExchangeMatcher.Match(
            active.Select(a => new MatchCandidate(a.Id, a.AudienceTags, a.Followers,
                totals.GetValueOrDefault(a.Id) is { } t ? new CreditPosition(t.Settled, t.PendingIn, t.PendingOut) : default)).ToList(),
            new MatchRules(minSimilarity ?? settings.MinSimilarity, minReachRatio ?? settings.MinReachRatio, settings.CreditLimit));
        warnings.AddRange(match.Unpaired.Select(u => new PlanWarning("unpaired", $"No fair exchange partner ({u.Reason}).", u.AccountId)));
        return (match, warnings);
    }

    private static PlanningAccount Planning(AccountSnapshot a) => new(a.Id, a.Platform, a.TimeZone, a.Caps.ToDomain(), a.Status);
}
