using Campaigns.Domain.Reports;

namespace Campaigns.Domain.Tests;

public sealed class CampaignRollupTests
{
    private static PushFigures Push(string status, int wave, string platform, string account, string video, long views, long clicks = 0, long orders = 0, decimal gmv = 0) =>
        new(status, status == "published", wave, platform, account, video, views, views / 10, views / 100, views / 1000, clicks, orders, gmv);

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Products = new Dictionary<string, IReadOnlyList<string>>
    {
        ["vid_a"] = ["prd_1", "prd_2"],
        ["vid_b"] = ["prd_2"],
    };

    [Fact]
    public void Every_breakdown_adds_up_to_the_total()
    {
        var pushes = new[]
        {
            Push("published", 0, "douyin", "acc_1", "vid_a", 10_000, clicks: 300, orders: 30, gmv: 2_970m),
            Push("published", 1, "kuaishou", "acc_2", "vid_b", 4_000, clicks: 100, orders: 5, gmv: 495m),
            Push("published", 1, "douyin", "acc_3", "vid_a", 1_000),
            Push("scheduled", 2, "bilibili", "acc_1", "vid_c", 0),
        };

        var rollup = CampaignRollup.Build(pushes, Products);

        Assert.Equal(new EngagementTotals(4, 3, 15_000, 1_500, 150, 15, 400, 35, 3_465m), rollup.Total.Totals);
        foreach (var breakdown in new[] { rollup.ByPlatform, rollup.ByAccount, rollup.ByVideo })
        {
            Assert.Equal(rollup.Total.Totals, breakdown.Select(g => g.Totals).Aggregate(EngagementTotals.Zero, (a, b) => a.Plus(b)));
        }
        Assert.Equal(rollup.Total.Totals, rollup.ByWave.Select(g => g.Totals).Aggregate(EngagementTotals.Zero, (a, b) => a.Plus(b)));
        Assert.Equal(new Dictionary<string, int> { ["published"] = 3, ["scheduled"] = 1 }, rollup.Total.Statuses);
    }

    [Theory]
    [InlineData(1L, 2L, 3L)]
    [InlineData(long.MaxValue - 1, 1L, long.MaxValue)]
    [InlineData(long.MaxValue - 1, 2L, long.MaxValue)]
    [InlineData(long.MaxValue, long.MaxValue, long.MaxValue)]
    public void Counter_sums_stop_at_the_largest_count_instead_of_wrapping(long a, long b, long sum)
    {
        var left = new EngagementTotals(1, 1, a, a, a, 0, 0, 0, 0m);
        var right = new EngagementTotals(1, 1, b, b, b, 0, 0, 0, 0m);

        var total = left.Plus(right);

        Assert.Equal((sum, sum), (total.Views, total.Likes));
        Assert.Equal(long.MaxValue, new EngagementTotals(1, 1, 1, long.MaxValue, long.MaxValue, 1, 0, 0, 0m).Engagements);
    }

    [Fact]
    public void Waves_come_in_order_and_the_rest_most_viewed_first()
    {
        var pushes = new[]
        {
            Push("published", 2, "douyin", "acc_1", "vid_a", 10),
            Push("published", 0, "kuaishou", "acc_2", "vid_b", 5_000),
            Push("published", 1, "douyin", "acc_3", "vid_a", 700),
        };

        var rollup = CampaignRollup.Build(pushes, Products);

        Assert.Equal([0, 1, 2], rollup.ByWave.Select(w => w.Key));
        Assert.Equal(["kuaishou", "douyin"], rollup.ByPlatform.Select(p => p.Key));
        Assert.Equal(["acc_2", "acc_3", "acc_1"], rollup.ByAccount.Select(a => a.Key));
        Assert.Equal(710, rollup.ByPlatform.Single(p => p.Key == "douyin").Totals.Views);
    }

    [Fact]
    public void A_push_counts_for_every_product_its_video_carries()
    {
        var pushes = new[]
        {
            Push("published", 0, "douyin", "acc_1", "vid_a", 1_000, clicks: 50, orders: 5, gmv: 500m),
            Push("published", 0, "douyin", "acc_2", "vid_b", 2_000, clicks: 20, orders: 1, gmv: 99m),
        };

        var byProduct = CampaignRollup.Build(pushes, Products).ByProduct.ToDictionary(p => p.Key, p => p.Totals);

        Assert.Equal((50L, 5L, 500m), (byProduct["prd_1"].Clicks, byProduct["prd_1"].Orders, byProduct["prd_1"].Gmv));
        Assert.Equal((70L, 6L, 599m, 2), (byProduct["prd_2"].Clicks, byProduct["prd_2"].Orders, byProduct["prd_2"].Gmv, byProduct["prd_2"].Pushes));
    }

    [Fact]
    public void A_campaign_without_pushes_rolls_up_to_zero()
    {
        var rollup = CampaignRollup.Build([], Products);

        Assert.Equal(EngagementTotals.Zero, rollup.Total.Totals);
        Assert.Empty(rollup.ByWave);
        Assert.Empty(rollup.ByProduct);
    }

    [Theory]
    [InlineData(0, 0, 0, 0, 0, null, null)]
    [InlineData(1_000, 80, 15, 5, 0, 0.1, null)]
    [InlineData(200, 0, 0, 0, 40, 0.0, 0.25)]
    public void Rates_are_unknown_until_there_is_something_to_divide_by(
        long views, long likes, long comments, long shares, long clicks, double? engagementRate, double? conversionRate)
    {
        var totals = new EngagementTotals(1, 1, views, likes, comments, shares, clicks, clicks / 4, 0m);

        Assert.Equal(engagementRate, totals.EngagementRate);
        Assert.Equal(conversionRate, totals.ConversionRate);
    }
}
