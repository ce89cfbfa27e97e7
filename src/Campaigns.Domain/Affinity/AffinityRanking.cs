namespace Campaigns.Domain.Affinity;

/// <summary>
/// Tag affinity (千人千面, "a thousand faces for a thousand people"): how well content fits an account's audience.
/// <para>
/// score = Σ w(term) · a(term) / Σ w(term), over the content's terms, where w is the term's weight in the content
/// (tag 1, hot keyword 0.5) and a is the account's audience weight for that tag (0 when absent). The score is the
/// weighted share of the content the audience cares about, in [0, 1]. Ties go to the larger audience (followers),
/// then to the smaller account id, so a ranking is the same every time.
/// </para>
/// </summary>
public static class AffinityRanking
{
    /// <summary>The score of one account for the content.</summary>
    public static double Score(ContentTerms content, IReadOnlyDictionary<string, double> audienceTags)
    {
        double total = 0, matched = 0;
        foreach (var (term, weight) in content.Weights)
        {
            total += weight;
            if (audienceTags.TryGetValue(term, out var audience))
            {
                matched += weight * audience;
            }
        }
        return total == 0 ? 0 : matched / total;
    }

    /// <summary>The best <paramref name="limit"/> accounts with a positive score, best first.</summary>
    public static IReadOnlyList<AffinityMatch> Rank(ContentTerms content, IEnumerable<AffinityCandidate> candidates, int limit) =>
        candidates
            .Select(c => new AffinityMatch(c.AccountId, Score(content, c.AudienceTags), c.Followers))
            .Where(m => m.Score > 0)
            .OrderByDescending(m => m.Score)
            .ThenByDescending(m => m.Followers)
            .ThenBy(m => m.AccountId, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
}
