
using Campaigns.Domain.Pushes;
using Campaigns.Grains.Feedback;
using Campaigns.Sandbox;
using Campaigns.Host.Tests.Support;
using Campaigns.Scheduling.Pushes;
using Campaigns.Scheduling;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Pushes;
using Microsoft.Extensions.DependencyInjection;
namespace Campaigns.Host.Tests;

/// <summary>
/// On SQLite (one writer) the sandbox feed holds its page of snapshots back while a push is publishing, so that the
/// push's outcome is not queued behind it; once nothing is firing, it writes. The feed's own job is off here: the test
/// runs rounds itself.
/// </summary>
public sealed class SandboxFeedYieldTests(SandboxFeedYieldTests.Host host) : IClassFixture<SandboxFeedYieldTests.Host>
{
    public sealed class Host : SqliteHostFixture
    {
        protected override IReadOnlyDictionary<string, string> Overrides { get; } = new Dictionary<string, string>
        {
            ["Campaigns:Sandbox:TimeScale"] = "3600",
            ["Campaigns:Sandbox:FeedSeconds"] = "0",
            ["Campaigns:Sandbox:FeedYieldSeconds"] = "120",
        };
    }

    [Fact]
    public async Task The_feed_writes_nothing_while_a_push_is_publishing_and_everything_once_it_has_settled()
    {
        var tenant = await Tenant.Create(host.App);
        var setup = await FeedbackReportScenarios.CampaignSetup.CreateAsync(tenant, "Yield", connector: null);
        var published = (await setup.LaunchAndWaitPublishedAsync()).Select(p => p["id"]!.GetValue<string>()).ToList();
        var store = host.App.Services.GetRequiredService<PushQueries>();
        var holder = host.App.Services.GetRequiredService<PushLeases>().Holder;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // A push of another owner in flight under this silo's lease, as a claimed push waiting for its instant is.
        const string inFlight = "psh_0000000000000000yield1";
        await host.App.Services.GetRequiredService<OwnerPushes>().InsertAsync([new PushRow
        {
            AgencyId = tenant.Id, Id = inFlight, CampaignId = "cam_0000000000000000yield", AccountId = setup.Accounts[0], VideoId = setup.Videos[0],
            Platform = "douyin", ScheduledAt = now, DueAt = now, Lifecycle = PushStatus.Publishing, UpdatedAt = now,
            LeaseHolder = holder, LeaseExpiresAt = now + 600_000,
        }]);

        var round = host.App.Services.GetRequiredService<SandboxFeed>().RunAsync(CancellationToken.None);
        await Task.WhenAny(round, Task.Delay(TimeSpan.FromSeconds(2)));

        Assert.False(round.IsCompleted, "the round finished while a push was publishing");
        foreach (var id in published)
        {
            Assert.Null((await store.GetAsync(tenant.Id, id))!.MetricsAt);
        }

        await host.App.Services.GetRequiredService<PushOutcomes>().RecordAsync(
            [new PushOutcomeUpdate(tenant.Id, inFlight, PushTransition.Publish, holder, 1, now, null, "sbx_yield", now, now, now)]);
        var result = await round.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(published.Count, result.Recorded);
        foreach (var id in published)
        {
            Assert.NotNull((await store.GetAsync(tenant.Id, id))!.MetricsAt);
        }
    }
}
