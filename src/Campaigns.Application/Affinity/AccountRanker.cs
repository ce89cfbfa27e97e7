using Campaigns.Domain.Affinity;
using Campaigns.Storage.Affinity;

namespace Campaigns.Application.Affinity;

/// <summary>
/// Ranks an agency's active accounts for some content: reads only the audience tags that match the content's terms,
/// then scores them with <see cref="AffinityRanking"/>. Campaign selectors (top-N by affinity) use the same ranking.
/// </summary>
public sealed class AccountRanker(AffinityStore store)
{
    public async Task<IReadOnlyList<AffinityMatch>> RankAsync(
        string agencyId, ContentTerms content, string? platform, string? kind, int limit, CancellationToken cancellationToken)
    {
        var rows = await store.MatchingTagsAsync(agencyId, content.Weights.Keys.ToList(), platform, kind, cancellationToken);
        var candidates = rows
            .GroupBy(r => r.AccountId, StringComparer.Ordinal)
            .Select(g => new AffinityCandidate(
                g.Key,
                g.ToDictionary(r => r.Tag, r => r.Weight, StringComparer.Ordinal),
                g.First().Followers));
        return AffinityRanking.Rank(content, candidates, limit);
    }

    /// <summary>The ranking as the matches endpoints show it.</summary>
    public async Task<MatchList> MatchListAsync(
        string agencyId, ContentTerms content, IMatchesQuery query, CancellationToken cancellationToken)
    {
        var matches = await RankAsync(agencyId, content, query.Platform, query.Kind,
            query.Limit ?? MatchesQuery.DefaultLimit, cancellationToken);
        return new MatchList(matches.Select(m => new MatchView(m.AccountId, m.Score, m.Followers)).ToList());
    }
}
