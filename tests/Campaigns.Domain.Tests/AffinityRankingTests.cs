using Campaigns.Domain.Affinity;

namespace Campaigns.Domain.Tests;

public sealed class AffinityRankingTests
{
    private static readonly ContentTerms Serum = ContentTerms.From(["Skincare", "serum"], ["Vitamin C", "SERUM"]);

    [Fact]
    public void Tags_weigh_fully_keywords_half_and_a_term_that_is_both_counts_as_a_tag()
    {
        Assert.Equal(
            new Dictionary<string, double> { ["skincare"] = 1.0, ["serum"] = 1.0, ["vitamin c"] = 0.5 },
            Serum.Weights.ToDictionary());
    }

    [Theory]
    [InlineData(1.0, 1.0, 1.0, 1.0)]        // the audience cares about every term fully
    [InlineData(0.0, 0.0, 0.0, 0.0)]        // about none
    [InlineData(1.0, 0.0, 0.0, 1.0 / 2.5)]  // one tag out of 1 + 1 + 0.5
    [InlineData(0.0, 0.0, 1.0, 0.5 / 2.5)]  // only the keyword
    [InlineData(0.5, 0.5, 0.5, 0.5)]        // half interest in everything
    public void The_score_is_the_weighted_share_of_the_content_the_audience_cares_about(double skincare, double serum, double vitaminC, double expected)
    {
        var audience = new Dictionary<string, double> { ["skincare"] = skincare, ["serum"] = serum, ["vitamin c"] = vitaminC, ["gaming"] = 1.0 };

        Assert.Equal(expected, AffinityRanking.Score(Serum, audience), 10);
    }

    [Fact]
    public void Content_without_terms_scores_zero_for_everyone()
    {
        Assert.Equal(0, AffinityRanking.Score(ContentTerms.From([]), new Dictionary<string, double> { ["x"] = 1 }));
    }

    [Fact]
    public void Ranking_is_by_score_then_followers_then_id_and_leaves_out_zero_scores()
    {
        var candidates = new[]
        {
            new AffinityCandidate("acc_c", Tags(("skincare", 0.4)), 100),
            new AffinityCandidate("acc_b", Tags(("skincare", 0.4)), 100),
            new AffinityCandidate("acc_a", Tags(("skincare", 0.4)), 50),
            new AffinityCandidate("acc_z", Tags(("skincare", 1.0), ("serum", 1.0)), 1),
            new AffinityCandidate("acc_none", Tags(("gaming", 1.0)), 1_000_000),
        };

        var ranked = AffinityRanking.Rank(Serum, candidates, limit: 10);

        Assert.Equal(["acc_z", "acc_b", "acc_c", "acc_a"], ranked.Select(m => m.AccountId));
    }

    [Fact]
    public void The_limit_cuts_the_ranking_after_ordering()
    {
        var candidates = Enumerable.Range(0, 20).Select(i => new AffinityCandidate($"acc_{i:00}", Tags(("serum", i / 20.0)), 0));

        var top = AffinityRanking.Rank(Serum, candidates, limit: 3);

        Assert.Equal(["acc_19", "acc_18", "acc_17"], top.Select(m => m.AccountId));
    }

    private static Dictionary<string, double> Tags(params (string Tag, double Weight)[] tags) =>
        tags.ToDictionary(t => t.Tag, t => t.Weight);
}
