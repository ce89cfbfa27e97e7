using Campaigns.Host.Tests.Support;
using Campaigns.Testing;

namespace Campaigns.Host.Tests;

/// <summary>
/// Pausing or cancelling a campaign while it fires is a clean cut: once the answer is back, nothing more is
/// published (until a resume), however many pushes were due or in flight.
/// </summary>
public sealed class TimedPushSteeringTests(TimedPushSteeringTests.FastSweepHost host) : IClassFixture<TimedPushSteeringTests.FastSweepHost>
{
    private const int SweepSeconds = 1;
    private const int Accounts = 24;

    /// <summary>How long a paused or cancelled campaign is watched for a stray publish: several sweeps.</summary>
    private static readonly TimeSpan Watch = TimeSpan.FromSeconds(4 * SweepSeconds);

    [Fact]
    public async Task A_campaign_paused_while_firing_publishes_nothing_until_resumed_then_completes()
    {
        var campaign = await LaunchAsync();
        await Poll.Until(async () => await campaign.PublishedAsync() >= 3, TimeSpan.FromSeconds(60));

        Assert.Equal("paused", await campaign.CommandAsync("pause"));
        var published = await campaign.PublishedAsync();
        var posts = await PostsAsync();
        Assert.InRange(published, 3, campaign.Planned - 1);
        Assert.Equal(published, posts);

        await StaysAt(campaign, published, posts, Watch);
        // The watch proves something only if pushes fell due meanwhile.
        var pushes = await campaign.PushesAsync();
        Assert.Contains(pushes, p => p["status"]!.GetValue<string>() == "scheduled" && p["scheduledAt"]!.GetValue<DateTimeOffset>() < DateTimeOffset.UtcNow);

        Assert.Equal("running", await campaign.CommandAsync("resume"));
        await Poll.Until(async () => await campaign.StatusAsync() == "completed", TimeSpan.FromSeconds(60));
        Assert.All(await campaign.PushesAsync(), p => Assert.Equal("published", p["status"]!.GetValue<string>()));
        Assert.Equal(campaign.Planned, await PostsAsync());
    }

    [Fact]
    public async Task A_campaign_cancelled_while_firing_publishes_nothing_more_and_cancels_the_rest()
    {
        var campaign = await LaunchAsync();
        await Poll.Until(async () => await campaign.PublishedAsync() >= 3, TimeSpan.FromSeconds(60));

        Assert.Equal("cancelled", await campaign.CommandAsync("cancel"));
        var published = await campaign.PublishedAsync();
        var posts = await PostsAsync();
        Assert.InRange(published, 3, campaign.Planned - 1);
        Assert.Equal(published, posts);

        // Watched until every push's instant has passed, and a few sweeps more.
        var last = (await campaign.PushesAsync()).Max(p => p["scheduledAt"]!.GetValue<DateTimeOffset>());
        await StaysAt(campaign, published, posts, last - DateTimeOffset.UtcNow + Watch);

        await Poll.Until(async () => (await campaign.PushesAsync()).All(p => p["status"]!.GetValue<string>() is "published" or "cancelled"), TimeSpan.FromSeconds(30));
        var pushes = await campaign.PushesAsync();
        Assert.Equal(published, pushes.Count(p => p["status"]!.GetValue<string>() == "published"));
        Assert.Equal(campaign.Planned - published, pushes.Count(p => p["status"]!.GetValue<string>() == "cancelled"));
        Assert.Equal("cancelled", await campaign.StatusAsync());
    }

    /// <summary>24 accounts on one platform, two videos: twelve instants a second apart, two pushes at each.</summary>
    private async Task<FiringCampaign> LaunchAsync()
    {
        var tenant = await Tenant.Create(host.App);
        _agencyId = tenant.Id;
        return await FiringCampaign.LaunchAsync(tenant.Client, Accounts, ["douyin"], videos: 2, startIn: TimeSpan.FromSeconds(3));
    }

    private string _agencyId = "";

    /// <summary>Posts the sandbox platform created for this test's agency.</summary>
    private async Task<int> PostsAsync() =>
        (await SandboxLedger.ReadSqliteAsync(host.DatabaseFile, _agencyId)).Values.Count(e => e.Created > 0);

    /// <summary>Polls until <paramref name="watch"/> has passed, failing as soon as anything more is published.</summary>
    private async Task StaysAt(FiringCampaign campaign, int published, int posts, TimeSpan watch)
    {
        var until = DateTime.UtcNow + watch;
        while (DateTime.UtcNow < until)
        {
            Assert.Equal(published, await campaign.PublishedAsync());
            Assert.Equal(posts, await PostsAsync());
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// A host on a fresh SQLite file that sweeps every second. Each publish takes the platform a second and a half,
    /// so whenever a pause or cancel arrives, some pushes are half-way through publishing.
    /// </summary>
    public sealed class FastSweepHost : HostFixture
    {
        private readonly TempSqliteDatabase _database = new();

        public string DatabaseFile => Path.Combine(_database.Directory, "campaigns.db");

        protected override Task<HostSettings?> CreateSettingsAsync() => Task.FromResult<HostSettings?>(
            HostSettings.Sqlite(_database.Directory) with
            {
                Overrides = new Dictionary<string, string>
                {
                    ["Campaigns:Scheduling:SweepSeconds"] = SweepSeconds.ToString(),
                    ["Campaigns:Sandbox:Latency"] = "00:00:01.500",
                },
            });

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            _database.Dispose();
        }
    }
}
