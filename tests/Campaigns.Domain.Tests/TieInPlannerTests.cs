using Campaigns.Domain.Accounts;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Waves;

namespace Campaigns.Domain.Tests;

public sealed class TieInPlannerTests
{
    private static readonly DateTimeOffset Noon = DateTimeOffset.Parse("2026-12-01T04:00:00Z"); // 12:00 in Shanghai
    private static readonly PostingCaps Loose = new(MaxPostsPerDay: 10, MinGapMinutes: 0, QuietHours: null);

    public static TheoryData<string, string[][], int?[], string[]> Waves => new()
    {
        // name, account ids per wave (wave 0 first), limit per wave, expected "wave:account" in plan order
        { "each wave after the last push of the one before", [["c"], ["i1", "i2"], ["g1"]], [null, null, null], ["0:c", "1:i1", "1:i2", "2:g1"] },
        { "accounts of earlier waves are never picked again", [["c"], ["c", "i1"], ["i1", "g1", "c"]], [null, null, null], ["0:c", "1:i1", "2:g1"] },
        { "a top-N wave keeps N once earlier accounts are left out", [["c"], ["c", "i1", "i2", "i3"]], [null, 2], ["0:c", "1:i1", "1:i2"] },
        { "an account listed twice in a wave posts once", [["c", "c"], ["i1", "i1"]], [null, null], ["0:c", "1:i1"] },
    };

    [Theory]
    [MemberData(nameof(Waves))]
    public void Waves_take_accounts_no_earlier_wave_took_and_post_once_each(string name, string[][] waves, int?[] limits, string[] expected)
    {
        var plan = TieInPlanner.Plan(Request(waves.Select((ids, i) => new TieInWaveRequest(ids.Select(Account).ToList(), TimeSpan.FromMinutes(1), limits[i])).ToArray()));

        Assert.True(expected.SequenceEqual(plan.Pushes.Select(p => $"{p.Wave}:{p.AccountId}")), $"{name}: {string.Join(", ", plan.Pushes.Select(p => $"{p.Wave}:{p.AccountId}"))}");
    }

    [Fact]
    public void A_later_wave_is_shown_starting_when_the_previous_waves_last_push_is_due_with_a_warning_that_its_times_move()
    {
        var plan = TieInPlanner.Plan(Request(
            new TieInWaveRequest([Account("c1"), Account("c2")], TimeSpan.FromMinutes(5)),
            new TieInWaveRequest([Account("i1"), Account("i2")], TimeSpan.FromSeconds(30))));

        Assert.Equal(
            [("c1", Noon), ("c2", Noon.AddMinutes(5)), ("i1", Noon.AddMinutes(5)), ("i2", Noon.AddMinutes(5).AddSeconds(30))],
            plan.Pushes.Select(p => (p.AccountId, p.ScheduledAt)));
        var warning = Assert.Single(plan.Warnings);
        Assert.Equal("wave-gated", warning.Code);
        Assert.Contains("Wave 1", warning.Message);
    }

    [Fact]
    public void A_wave_left_with_no_account_is_a_warning_and_the_next_wave_follows_the_last_wave_that_posts()
    {
        var plan = TieInPlanner.Plan(Request(
            new TieInWaveRequest([Account("c")], TimeSpan.Zero),
            new TieInWaveRequest([Account("c")], TimeSpan.Zero),
            new TieInWaveRequest([Account("g")], TimeSpan.Zero)));

        Assert.Equal([(0, "c", Noon), (2, "g", Noon)], plan.Pushes.Select(p => (p.Wave, p.AccountId, p.ScheduledAt)));
        Assert.Equal(["wave-empty", "wave-gated"], plan.Warnings.Select(w => w.Code));
        Assert.Contains("Wave 1", plan.Warnings[0].Message);
    }

    [Fact]
    public void Caps_apply_within_each_wave_as_in_a_matrix()
    {
        var quiet = Loose with { QuietHours = new QuietHours(new TimeOnly(12, 0), new TimeOnly(13, 0)) };
        var plan = TieInPlanner.Plan(Request(
            new TieInWaveRequest([Account("c")], TimeSpan.Zero),
            new TieInWaveRequest([Account("i", quiet), Account("k", platform: Platform.Kuaishou)], TimeSpan.Zero)));

        var byAccount = plan.Pushes.ToDictionary(p => p.AccountId, p => p.ScheduledAt);
        Assert.Equal(Noon.AddHours(1), byAccount["i"]); // out of its quiet hour
        Assert.Equal(Noon, byAccount["k"]);
    }

    [Fact]
    public void A_celebrity_wave_that_schedules_nothing_plans_nothing_at_all()
    {
        var plan = TieInPlanner.Plan(Request(
            new TieInWaveRequest([Account("c", status: AccountStatus.Suspended)], TimeSpan.Zero),
            new TieInWaveRequest([Account("i")], TimeSpan.Zero)));

        Assert.Empty(plan.Pushes);
        Assert.Equal(["account-suspended", "wave-empty"], plan.Warnings.Select(w => w.Code));
    }

    private static TieInRequest Request(params TieInWaveRequest[] waves) => new(waves, [Video("v0"), Video("v1")], Noon);

    private static PlanningAccount Account(string id) => Account(id, null);

    private static PlanningAccount Account(string id, PostingCaps? caps = null, Platform platform = Platform.Douyin, AccountStatus status = AccountStatus.Active) =>
        new(id, platform, "Asia/Shanghai", caps ?? Loose, status);

    private static PlanningVideo Video(string id) =>
        new(id, 150, $"default {id}", ["#topic"], new Dictionary<Platform, PlanningVariant>());
}
