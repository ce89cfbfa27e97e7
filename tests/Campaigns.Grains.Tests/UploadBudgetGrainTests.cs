using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Tests.Support;

namespace Campaigns.Grains.Tests;

/// <summary>The shared daily upload budget (YouTube's videos.insert bucket), on the cluster's fake clock.</summary>
public sealed class UploadBudgetGrainTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    [Fact]
    public async Task The_days_budget_is_shared_until_spent_and_renews_at_midnight_Pacific_Time()
    {
        // Guarded by UploadBudgetGrain.TryCharge's "if (used + units > dailyUnits)": without it a spent budget is
        // charged again and YouTube would refuse the upload instead.
        var budget = fixture.Grains.GetGrain<IUploadBudgetGrain>("youtube-" + Guid.NewGuid().ToString("N"));
        Assert.Null(await budget.TryCharge(1, 2));
        Assert.Null(await budget.TryCharge(1, 2));

        var renewsAt = await budget.TryCharge(1, 2);

        Assert.NotNull(renewsAt);
        Assert.True(renewsAt > fixture.Clock.GetUtcNow());
        // Midnight in Los Angeles is 08:00 UTC in winter (PST, UTC-8).
        Assert.Equal(TimeSpan.FromHours(8), renewsAt.Value.UtcDateTime.TimeOfDay);
        fixture.Clock.Advance(renewsAt.Value - fixture.Clock.GetUtcNow());
        Assert.Null(await budget.TryCharge(1, 2));
    }
}
