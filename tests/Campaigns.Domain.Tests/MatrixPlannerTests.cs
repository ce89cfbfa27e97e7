using Campaigns.Domain.Accounts;
using Campaigns.Domain.Campaigns;

namespace Campaigns.Domain.Tests;

public sealed class MatrixPlannerTests
{
    private static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2026-12-01T04:00:00Z"); // 12:00 in Shanghai
    private static readonly PostingCaps Loose = new(MaxPostsPerDay: 10, MinGapMinutes: 0, QuietHours: null);

    [Fact]
    public void Accounts_are_staggered_in_order_and_videos_rotate()
    {
        var plan = MatrixPlanner.Plan(new MatrixRequest(
            [Account("a"), Account("b"), Account("c")], [Video("v0"), Video("v1")], Noon, TimeSpan.FromSeconds(60)));

        Assert.Equal(
            [("a", "v0", Noon), ("b", "v1", Noon.AddMinutes(1)), ("c", "v0", Noon.AddMinutes(2))],
            plan.Pushes.Select(p => (p.AccountId, p.VideoId, p.ScheduledAt)));
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public void Each_account_posts_distinct_videos_a_minimum_gap_apart()
    {
        var caps = Loose with { MinGapMinutes = 90 };
        var plan = MatrixPlanner.Plan(new MatrixRequest(
            [Account("a", caps: caps), Account("b", caps: caps)], [Video("v0"), Video("v1")], Noon, TimeSpan.FromMinutes(1), PostsPerAccount: 2));

        Assert.Equal(
            [("a", "v0", Noon), ("b", "v1", Noon.AddMinutes(1)), ("a", "v1", Noon.AddMinutes(90)), ("b", "v0", Noon.AddMinutes(91))],
            plan.Pushes.Select(p => (p.AccountId, p.VideoId, p.ScheduledAt)));
    }

    [Theory]
    // start (UTC), quiet from-to (local), zone, expected (UTC)
    [InlineData("2026-12-01T15:30:00Z", "23:00", "07:00", "Asia/Shanghai", "2026-12-01T23:00:00Z")] // 23:30 local → 07:00 next morning
    [InlineData("2026-12-01T20:00:00Z", "23:00", "07:00", "Asia/Shanghai", "2026-12-01T23:00:00Z")] // 04:00 local → 07:00 same morning
    [InlineData("2026-12-01T23:00:00Z", "23:00", "07:00", "Asia/Shanghai", "2026-12-01T23:00:00Z")] // 07:00 is the end: allowed
    [InlineData("2026-12-01T04:00:00Z", "13:00", "14:00", "Asia/Shanghai", "2026-12-01T04:00:00Z")] // outside the window
    [InlineData("2026-12-01T05:30:00Z", "13:00", "14:00", "Asia/Shanghai", "2026-12-01T06:00:00Z")] // lunch break
    // Spring forward in New York (2026-03-08 02:00 EST → 03:00 EDT): the window ends at 02:30, which does not exist.
    [InlineData("2026-03-08T06:15:00Z", "01:00", "02:30", "America/New_York", "2026-03-08T07:00:00Z")]
    // Fall back (2026-11-01 02:00 EDT → 01:00 EST): 01:30 happens twice; the window ends at its first occurrence.
    [InlineData("2026-11-01T04:10:00Z", "00:00", "01:30", "America/New_York", "2026-11-01T05:30:00Z")]
    public void Quiet_hours_move_a_post_to_the_end_of_the_window_in_local_time(string start, string from, string to, string zone, string expected)
    {
        var caps = Loose with { QuietHours = new QuietHours(TimeOnly.Parse(from), TimeOnly.Parse(to)) };

        var plan = MatrixPlanner.Plan(new MatrixRequest([Account("a", zone: zone, caps: caps)], [Video("v0")], DateTimeOffset.Parse(start), TimeSpan.Zero));

        Assert.Equal(DateTimeOffset.Parse(expected), Assert.Single(plan.Pushes).ScheduledAt);
    }

    [Fact]
    public void The_daily_maximum_counts_posts_per_local_day_and_spills_into_the_next()
    {
        var caps = Loose with { MaxPostsPerDay = 1 };
        var earlier = new Dictionary<string, IReadOnlyList<DateTimeOffset>> { ["a"] = [Noon.AddHours(-2)] }; // 10:00 local, same day

        var plan = MatrixPlanner.Plan(new MatrixRequest([Account("a", caps: caps)], [Video("v0")], Noon, TimeSpan.Zero), earlier);

        // Next local midnight in Shanghai is 16:00 UTC.
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T16:00:00Z"), Assert.Single(plan.Pushes).ScheduledAt);
    }

    [Fact]
    public void Two_accounts_on_one_platform_never_post_the_same_video_at_the_same_instant()
    {
        var plan = MatrixPlanner.Plan(new MatrixRequest(
            [Account("a"), Account("b"), Account("k", Platform.Kuaishou)], [Video("v0")], Noon, TimeSpan.Zero));

        var byAccount = plan.Pushes.ToDictionary(p => p.AccountId, p => p.ScheduledAt);
        Assert.Equal(Noon, byAccount["a"]);
        Assert.Equal(Noon.AddSeconds(1), byAccount["b"]);
        Assert.Equal(Noon, byAccount["k"]); // another platform may
    }

    [Fact]
    public void Suspended_accounts_and_videos_a_platform_would_reject_are_skipped_with_warnings()
    {
        var plan = MatrixPlanner.Plan(new MatrixRequest(
            [Account("a"), Account("s", status: AccountStatus.Suspended), Account("yt", Platform.YoutubeShorts)],
            [Video("long", durationSeconds: 200)], Noon, TimeSpan.FromMinutes(1)));

        Assert.Equal(["a"], plan.Pushes.Select(p => p.AccountId));
        Assert.Equal([("account-suspended", "s"), ("platform-limit", "yt")], plan.Warnings.Select(w => (w.Code, w.AccountId!)));
    }

    [Fact]
    public void Captions_come_from_the_platform_variant_or_the_default()
    {
        var video = Video("v0") with
        {
            Variants = new Dictionary<Platform, PlanningVariant> { [Platform.Douyin] = new("抖音文案", ["#抖音"]) },
        };

        var plan = MatrixPlanner.Plan(new MatrixRequest([Account("d"), Account("k", Platform.Kuaishou)], [video], Noon, TimeSpan.Zero));

        var d = plan.Pushes.Single(p => p.AccountId == "d");
        var k = plan.Pushes.Single(p => p.AccountId == "k");
        Assert.Equal(("抖音文案", "#抖音"), (d.Caption, d.Hashtags.Single()));
        Assert.Equal(("default v0", "#topic"), (k.Caption, k.Hashtags.Single()));
    }

    [Fact]
    public void Asking_for_more_posts_than_videos_posts_each_video_once_and_says_so()
    {
        var plan = MatrixPlanner.Plan(new MatrixRequest([Account("a")], [Video("v0")], Noon, TimeSpan.Zero, PostsPerAccount: 3));

        Assert.Single(plan.Pushes);
        Assert.Equal("too-few-videos", Assert.Single(plan.Warnings).Code);
    }

    [Fact]
    public void Caps_that_leave_no_room_within_the_horizon_are_a_warning_not_a_push()
    {
        var never = Loose with { QuietHours = new QuietHours(new TimeOnly(0, 0), new TimeOnly(23, 59)), MinGapMinutes = 24 * 60 };
        var busy = new Dictionary<string, IReadOnlyList<DateTimeOffset>>
        {
            ["a"] = Enumerable.Range(0, 70).Select(d => DateTimeOffset.Parse("2026-12-01T15:59:00Z").AddDays(d)).ToList(),
        };

        var plan = MatrixPlanner.Plan(new MatrixRequest([Account("a", caps: never)], [Video("v0")], Noon, TimeSpan.Zero), busy);

        Assert.Empty(plan.Pushes);
        Assert.Equal("caps-exhausted", Assert.Single(plan.Warnings).Code);
    }

    [Fact]
    public void Ten_thousand_accounts_plan_in_order_with_one_push_each()
    {
        var accounts = Enumerable.Range(0, 10_000).Select(i => Account($"acc{i:00000}", caps: PostingCaps.Default)).ToList();

        var plan = MatrixPlanner.Plan(new MatrixRequest(accounts, [Video("v0"), Video("v1"), Video("v2")], Noon, TimeSpan.FromMilliseconds(10)));

        Assert.Equal(10_000, plan.Pushes.Count);
        Assert.Equal(plan.Pushes.OrderBy(p => p.ScheduledAt).Select(p => p.AccountId), plan.Pushes.Select(p => p.AccountId));
        Assert.Equal(10_000, plan.Pushes.Select(p => (p.VideoId, p.ScheduledAt)).Distinct().Count());
    }

    private static PlanningAccount Account(
        string id, Platform platform = Platform.Douyin, string zone = "Asia/Shanghai", PostingCaps? caps = null, AccountStatus status = AccountStatus.Active) =>
        new(id, platform, zone, caps ?? Loose, status);

    private static PlanningVideo Video(string id, int durationSeconds = 150) =>
        new(id, durationSeconds, $"default {id}", ["#topic"], new Dictionary<Platform, PlanningVariant>());
}
