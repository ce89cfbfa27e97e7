using Campaigns.Domain.Common;

namespace Campaigns.Domain.Tests;

public sealed class TagsTests
{
    [Theory]
    [InlineData("beauty", "beauty")]
    [InlineData("  beauty  ", "beauty")]
    [InlineData("Beauty", "beauty")]
    [InlineData("BEAUTY", "beauty")]
    [InlineData("ＢＥＡＵＴＹ", "beauty")] // full-width Latin
    [InlineData("ｓｋｉｎ　ｃａｒｅ", "skin care")] // full-width letters and ideographic space
    [InlineData("Ｋ－ｐｏｐ", "k-pop")]
    [InlineData("skin   care", "skin care")]
    [InlineData("skin\t\ncare", "skin care")]
    [InlineData("\u3000 skin \u3000 care \u3000", "skin care")]
    [InlineData("美妆", "美妆")]
    [InlineData(" 美妆 护肤 ", "美妆 护肤")]
    [InlineData("国货之光", "国货之光")]
    [InlineData("①", "1")] // NFKC folds compatibility digits
    [InlineData("   ", "")]
    [InlineData("", "")]
    public void Normalize_folds_case_width_and_white_space(string tag, string expected)
    {
        Assert.Equal(expected, Tags.Normalize(tag));
    }

    [Fact]
    public void Normalizing_twice_changes_nothing()
    {
        string[] tags = ["ＢＥＡＵＴＹ", "  Skin \t Care ", "美妆", "Ｋ－ｐｏｐ"];
        foreach (var tag in tags)
        {
            var once = Tags.Normalize(tag);
            Assert.Equal(once, Tags.Normalize(once));
        }
    }

    [Theory]
    [InlineData("Beauty", 0.2, "ＢＥＡＵＴＹ", 0.9, "beauty", 0.9)]
    [InlineData("Beauty", 0.9, "ＢＥＡＵＴＹ", 0.2, "beauty", 0.9)]
    [InlineData(" skin care", 0.5, "Skin   Care ", 0.7, "skin care", 0.7)]
    [InlineData("美妆", 0.3, " 美妆 ", 0.1, "美妆", 0.3)]
    public void Tags_that_meet_after_normalisation_keep_the_higher_weight(
        string first, double firstWeight, string second, double secondWeight, string key, double weight)
    {
        var result = Tags.NormalizeWeighted([new(first, firstWeight), new(second, secondWeight)]);

        var only = Assert.Single(result);
        Assert.Equal(key, only.Key);
        Assert.Equal(weight, only.Value);
    }

    [Fact]
    public void Distinct_tags_are_all_kept_with_their_own_weights_in_ordinal_order()
    {
        var result = Tags.NormalizeWeighted([new("Travel", 0.4), new("美妆", 0.8), new("Beauty", 0.6)]);

        Assert.Equal(["beauty", "travel", "美妆"], result.Keys);
        Assert.Equal([0.6, 0.4, 0.8], result.Values);
    }

    [Fact]
    public void An_empty_map_stays_empty()
    {
        Assert.Empty(Tags.NormalizeWeighted([]));
    }
}
