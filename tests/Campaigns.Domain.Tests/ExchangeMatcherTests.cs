using Campaigns.Domain.Exchanges;

namespace Campaigns.Domain.Tests;

public sealed class ExchangeMatcherTests
{
    private static readonly MatchRules Rules = new(MinSimilarity: 0.5, MinReachRatio: 0.5, CreditLimit: 10_000);

    [Theory]
    [InlineData("beauty:1,skincare:0.5", "beauty:1,skincare:0.5", 1.0)]
    [InlineData("beauty:1", "BEAUTY:0.2", 1.0)]                  // normalised tags, direction only
    [InlineData("beauty:1", "gaming:1", 0.0)]
    [InlineData("beauty:1,skincare:1", "beauty:1", 0.70710678)]  // 1 / √2
    [InlineData("", "beauty:1", 0.0)]
    public void Similarity_is_the_cosine_of_the_normalised_weighted_audience_tags(string a, string b, double expected)
    {
        var candidates = new[] { Candidate("acc_a", 1000, a), Candidate("acc_b", 1000, b) };

        var match = ExchangeMatcher.Match(candidates, Rules with { MinSimilarity = 0 });

        Assert.Equal(expected, ExchangeMatcher.Similarity(
            Common.Tags.NormalizeWeighted(candidates[0].AudienceTags), Common.Tags.NormalizeWeighted(candidates[1].AudienceTags)), 6);
        Assert.Equal(expected, match.Proposals.Single().Similarity, 6);
    }

    [Theory]
    [InlineData(100, 200, 0.5)]
    [InlineData(200, 100, 0.5)]
    [InlineData(0, 0, 1.0)]
    [InlineData(0, 10, 0.0)]
    public void Reach_ratio_is_the_smaller_follower_count_over_the_larger(long a, long b, double expected)
    {
        Assert.Equal(expected, ExchangeMatcher.ReachRatio(a, b), 10);
    }

    [Fact]
    public void Pairs_are_taken_best_first_and_no_account_is_paired_twice()
    {
        // b is the best partner of both a and c; a–b scores higher (same reach), so c gets d.
        var candidates = new[]
        {
            Candidate("acc_a", 100_000, "beauty:1"),
            Candidate("acc_b", 100_000, "beauty:1"),
            Candidate("acc_c", 90_000, "beauty:1,skincare:0.3"),
            Candidate("acc_d", 60_000, "beauty:1,skincare:0.3"),
        };

        var match = ExchangeMatcher.Match(candidates, Rules);

        Assert.Equal([("acc_a", "acc_b"), ("acc_c", "acc_d")], match.Proposals.Select(p => (p.AccountA, p.AccountB)));
        Assert.Equal((1.0, 1.0), (match.Proposals[0].Score, match.Proposals[0].ReachRatio));
        Assert.Equal(60.0 / 90, match.Proposals[1].Score, 10);
        Assert.Empty(match.Unpaired);
    }

    [Fact]
    public void The_result_does_not_depend_on_the_order_accounts_are_given_in()
    {
        var candidates = Enumerable.Range(0, 12)
            .Select(i => Candidate($"acc_{i:00}", 50_000 + i % 3 * 10_000, i % 2 == 0 ? "beauty:1" : "beauty:1,skincare:0.4"))
            .ToList();

        var expected = ExchangeMatcher.Match(candidates, Rules);
        var shuffled = ExchangeMatcher.Match(candidates.OrderBy(c => c.AccountId.GetHashCode()).Reverse().ToList(), Rules);

        Assert.Equal(expected.Proposals, shuffled.Proposals);
        Assert.Equal(6, expected.Proposals.Count);
        Assert.Equal(12, expected.Proposals.SelectMany(p => new[] { p.AccountA, p.AccountB }).Distinct().Count());
    }

    [Fact]
    public void Equal_scores_go_to_the_smaller_account_ids()
    {
        var candidates = new[] { Candidate("acc_c", 1000, "x:1"), Candidate("acc_b", 1000, "x:1"), Candidate("acc_a", 1000, "x:1") };

        var match = ExchangeMatcher.Match(candidates, Rules);

        Assert.Equal(("acc_a", "acc_b"), (match.Proposals.Single().AccountA, match.Proposals.Single().AccountB));
        Assert.Equal(new UnpairedAccount("acc_c", UnpairedReasons.PartnersTaken), match.Unpaired.Single());
    }

    [Fact]
    public void Unpaired_accounts_say_how_far_their_best_pair_got()
    {
        var candidates = new[]
        {
            Candidate("acc_cook", 100_000, "cooking:1"),
            Candidate("acc_huge", 5_000_000, "beauty:1"),                                            // similar, but 50× the reach
            Candidate("acc_owes", 100_000, "gaming:1", new CreditPosition(Settled: -9_950, 0, 0)),     // would pay 100 more
            Candidate("acc_game", 100_000, "gaming:1"),
            Candidate("acc_b1", 100_000, "beauty:1"),
            Candidate("acc_b2", 100_000, "beauty:1"),
        };

        var match = ExchangeMatcher.Match(candidates, Rules);

        Assert.Equal([("acc_b1", "acc_b2")], match.Proposals.Select(p => (p.AccountA, p.AccountB)));
        Assert.Equal(
            [("acc_cook", UnpairedReasons.NoSimilarAudience), ("acc_game", UnpairedReasons.CreditLimit),
             ("acc_huge", UnpairedReasons.NoComparableReach), ("acc_owes", UnpairedReasons.CreditLimit)],
            match.Unpaired.Select(u => (u.AccountId, u.Reason)));
    }

    [Fact]
    public void A_pair_is_proposed_only_when_both_accounts_stay_within_the_limit()
    {
        // 100 credits each way: A at +9,900 settled could reach +10,000 — exactly the limit; at +9,901 it could not.
        var atLimit = ExchangeMatcher.Match(
            [Candidate("acc_a", 100_000, "x:1", new CreditPosition(9_900, 0, 0)), Candidate("acc_b", 100_000, "x:1")], Rules);
        var beyond = ExchangeMatcher.Match(
            [Candidate("acc_a", 100_000, "x:1", new CreditPosition(9_800, 101, 0)), Candidate("acc_b", 100_000, "x:1")], Rules);

        Assert.Single(atLimit.Proposals);
        Assert.Empty(beyond.Proposals);
    }

    private static MatchCandidate Candidate(string id, long followers, string tags, CreditPosition position = default) =>
        new(id, tags.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Split(':')).ToDictionary(t => t[0], t => double.Parse(t[1], System.Globalization.CultureInfo.InvariantCulture)),
            followers, position);
}
