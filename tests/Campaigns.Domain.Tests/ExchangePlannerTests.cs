using Campaigns.Domain.Accounts;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Exchanges;

namespace Campaigns.Domain.Tests;

public sealed class ExchangePlannerTests
{
    private static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2026-12-01T04:00:00Z"); // 12:00 in Shanghai
    private static readonly PostingCaps Loose = new(MaxPostsPerDay: 10, MinGapMinutes: 0, QuietHours: null);

    [Fact]
    public void Each_pair_posts_each_others_content_at_its_staggered_instant_with_videos_in_rotation()
    {
        var plan = ExchangePlanner.Plan(new ExchangePlanRequest(
            [(Account("a"), Account("b")), (Account("c"), Account("d"))], [Video("v0"), Video("v1"), Video("v2")], Noon, TimeSpan.FromMinutes(5)));

        // Pair 0: A's content v0 (posted by b), B's v1 (posted by a). Pair 1: C's v2, D's v0.
        Assert.Equal(
            [("b", "v0", "a", Noon), ("a", "v1", "b", Noon), ("d", "v2", "c", Noon.AddMinutes(5)), ("c", "v0", "d", Noon.AddMinutes(5))],
            plan.Pushes.Select(p => (p.AccountId, p.VideoId, p.ContentOwnerId, p.ScheduledAt)));
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public void Caps_move_one_side_without_moving_the_other()
    {
        var quiet = Loose with { QuietHours = new QuietHours(new TimeOnly(11, 0), new TimeOnly(13, 0)) };

        var plan = ExchangePlanner.Plan(new ExchangePlanRequest([(Account("a", caps: quiet), Account("b"))], [Video("v0")], Noon, TimeSpan.Zero));

        Assert.Equal([("b", Noon), ("a", Noon.AddHours(1))], plan.Pushes.Select(p => (p.AccountId, p.ScheduledAt)));
    }

    [Fact]
    public void A_pair_one_of_whose_posts_cannot_be_planned_is_left_out_whole()
    {
        // 3,000 s is within Douyin's limit but longer than Kuaishou accepts, and d is on Kuaishou.
        var plan = ExchangePlanner.Plan(new ExchangePlanRequest(
            [(Account("a"), Account("b")), (Account("c"), Account("d", Platform.Kuaishou))],
            [Video("long", durationSeconds: 3_000)], Noon, TimeSpan.FromMinutes(1)));

        Assert.Equal(["b", "a"], plan.Pushes.Select(p => p.AccountId));
        Assert.Contains(plan.Warnings, w => w.Code == "platform-limit" && w.AccountId == "d");
        Assert.Contains(plan.Warnings, w => w.Code == "exchange-unplanned" && w.AccountId == "c");
    }

    [Fact]
    public void Two_pairs_never_post_one_video_on_one_platform_at_one_instant()
    {
        var plan = ExchangePlanner.Plan(new ExchangePlanRequest(
            [(Account("a"), Account("b")), (Account("c"), Account("d"))], [Video("v0")], Noon, TimeSpan.Zero));

        var slots = plan.Pushes.Select(p => p.ScheduledAt).ToList();
        Assert.Equal(4, slots.Distinct().Count());
        Assert.All(plan.Pushes, p => Assert.True(p.ScheduledAt - Noon < TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Without_videos_nothing_is_planned()
    {
        var plan = ExchangePlanner.Plan(new ExchangePlanRequest([(Account("a"), Account("b"))], [], Noon, TimeSpan.Zero));

        Assert.Empty(plan.Pushes);
        Assert.Equal("no-videos", plan.Warnings.Single().Code);
    }

    private static PlanningAccount Account(string id, Platform platform = Platform.Douyin, PostingCaps? caps = null) =>
        new(id, platform, "Asia/Shanghai", caps ?? Loose, AccountStatus.Active);

    private static PlanningVideo Video(string id, int durationSeconds = 150) =>
        new(id, durationSeconds, $"default {id}", ["#topic"], new Dictionary<Platform, PlanningVariant>());
}
