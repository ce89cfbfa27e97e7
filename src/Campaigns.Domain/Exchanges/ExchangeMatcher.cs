using Campaigns.Domain.Common;

namespace Campaigns.Domain.Exchanges;

/// <summary>
/// Proposes fair exchange pairs among accounts: every pair whose audiences are alike (cosine similarity of the
/// normalised, weighted audience tags), whose reach is comparable (smaller followers over larger) and whose credits
/// keep both accounts within the limit is a candidate, scored similarity × reach ratio. Candidates are taken best
/// first, never reusing an account (greedy maximum-weight matching: not always the best total, but every pair taken
/// is the best still available to both, and it is fast and explainable). Ties go to the smaller account ids, so the
/// result does not depend on the order accounts are given in.
/// </summary>
public static class ExchangeMatcher
{
    /// <summary>The most accounts one match considers; pairs grow with the square of it.</summary>
    public const int MaxPool = 2000;

    public static MatchResult Match(IReadOnlyList<MatchCandidate> candidates, MatchRules rules)
    {
        var accounts = candidates
            .DistinctBy(c => c.AccountId)
            .OrderBy(c => c.AccountId, StringComparer.Ordinal)
            .Select(c => (Candidate: c, Tags: Tags.NormalizeWeighted(c.AudienceTags)))
            .ToList();
        // How far each account's best pair got: 0 nothing similar, 1 similar, 2 comparable reach, 3 fair within the limit.
        var reached = new int[accounts.Count];
        var pairs = new List<(int I, int J, ExchangeProposal Proposal)>();
        for (var i = 0; i < accounts.Count; i++)
        {
            for (var j = i + 1; j < accounts.Count; j++)
            {
                var (a, b) = (accounts[i].Candidate, accounts[j].Candidate);
                var similarity = Similarity(accounts[i].Tags, accounts[j].Tags);
                var stage = 0;
                if (similarity >= rules.MinSimilarity)
                {
                    stage = 1;
                    var ratio = ReachRatio(a.Followers, b.Followers);
                    if (ratio >= rules.MinReachRatio)
                    {
                        stage = 2;
                        var terms = ExchangeTerms.For(a.Followers, b.Followers);
                        if (terms.Fits(a.Position, b.Position, rules.CreditLimit))
                        {
                            stage = 3;
                            pairs.Add((i, j, new ExchangeProposal(a.AccountId, b.AccountId, similarity * ratio, similarity, ratio, terms)));
                        }
                    }
                }
                reached[i] = Math.Max(reached[i], stage);
                reached[j] = Math.Max(reached[j], stage);
            }
        }

        // Pairs were generated in (smaller id, larger id) order, so a stable sort by score alone breaks ties by ids.
        var taken = new bool[accounts.Count];
        var proposals = new List<ExchangeProposal>();
        foreach (var (i, j, proposal) in pairs.OrderByDescending(p => p.Proposal.Score))
        {
            if (!taken[i] && !taken[j])
            {
                taken[i] = taken[j] = true;
                proposals.Add(proposal);
            }
        }
        var unpaired = accounts
            .Select((a, i) => (a.Candidate.AccountId, i))
            .Where(a => !taken[a.i])
            .Select(a => new UnpairedAccount(a.AccountId, reached[a.i] switch
            {
                0 => UnpairedReasons.NoSimilarAudience,
                1 => UnpairedReasons.NoComparableReach,
                2 => UnpairedReasons.CreditLimit,
                _ => UnpairedReasons.PartnersTaken,
            }))
            .ToList();
        return new MatchResult(proposals, unpaired);
    }

    /// <summary>Cosine similarity of two weighted tag maps, in [0, 1] for non-negative weights; 0 when either is empty.</summary>
    public static double Similarity(IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b)
    {
        double dot = 0, normA = 0, normB = 0;
        foreach (var (tag, weight) in a)
        {
            normA += weight * weight;
            if (b.TryGetValue(tag, out var other))
            {
                dot += weight * other;
            }
        }
        foreach (var weight in b.Values)
        {
            normB += weight * weight;
        }
        return normA == 0 || normB == 0 ? 0 : Math.Clamp(dot / Math.Sqrt(normA * normB), 0, 1);
    }

    /// <summary>The smaller follower count over the larger, in [0, 1]; two accounts without followers are alike.</summary>
    public static double ReachRatio(long a, long b)
    {
        var (low, high) = (Math.Max(Math.Min(a, b), 0), Math.Max(Math.Max(a, b), 0));
        return high == 0 ? 1 : (double)low / high;
    }
}
