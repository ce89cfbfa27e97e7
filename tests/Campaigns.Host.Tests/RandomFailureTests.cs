using Campaigns.Host.Tests.Support;
using Campaigns.Testing;

namespace Campaigns.Host.Tests;

/// <summary>
/// The sandbox fails half of all publish calls at random (before creating anything). Every push ends published
/// exactly once, or failed after its last attempt; no attempt goes uncounted, and no post is ever asked for twice.
/// </summary>
public sealed class RandomFailureTests(RandomFailureTests.FlakyPlatformHost host) : IClassFixture<RandomFailureTests.FlakyPlatformHost>
{
    private const int Accounts = 30, MaxAttempts = 2;

    // Fails without `when attempts < options.Value.MaxAttempts` in PushPublisher.PublishAsync (checked): a failing
    // push is then retried past its last attempt, and some push publishes after 3 or more (with 30 pushes, in all but
    // about one run in 5,000).
    [Fact]
    public async Task Every_push_is_published_exactly_once_or_failed_after_its_last_attempt()
    {
        var tenant = await Tenant.Create(host.App);
        var campaign = await FiringCampaign.LaunchAsync(tenant.Client, Accounts, ["douyin", "kuaishou"], videos: 3, startIn: TimeSpan.FromSeconds(3));

        await Poll.Until(async () => await campaign.StatusAsync() == "completed", TimeSpan.FromSeconds(120));

        var pushes = await campaign.PushesAsync();
        var ledger = await SandboxLedger.ReadSqliteAsync(host.DatabaseFile, tenant.Id);
        Assert.Equal(Accounts, pushes.Count);
        Assert.Contains(pushes, p => p["attempts"]!.GetValue<int>() > 1); // some first attempts did fail
        foreach (var push in pushes)
        {
            var status = push["status"]!.GetValue<string>();
            var attempts = push["attempts"]!.GetValue<int>();
            var entry = ledger[$"{tenant.Id}:{push["id"]!.GetValue<string>()}"];
            Assert.True(status is "published" or "failed", $"{status} after {attempts} attempts");
            Assert.InRange(attempts, 1, MaxAttempts);
            Assert.Equal(attempts, entry.Attempts); // every call the platform saw is counted, and no more
            if (status == "published")
            {
                Assert.Equal((1L, 1L), (entry.Created, entry.Creates));
            }
            else
            {
                Assert.Equal((MaxAttempts, 0L), (attempts, entry.Creates));
            }
        }
    }

    /// <summary>A host whose sandbox fails half of all publishes; two attempts per push, a second apart.</summary>
    public sealed class FlakyPlatformHost : HostFixture
    {
        private readonly TempSqliteDatabase _database = new();

        public string DatabaseFile => Path.Combine(_database.Directory, "campaigns.db");

        protected override Task<HostSettings?> CreateSettingsAsync() => Task.FromResult<HostSettings?>(
            HostSettings.Sqlite(_database.Directory) with
            {
                Overrides = new Dictionary<string, string>
                {
                    ["Campaigns:Sandbox:FailureRate"] = "0.5",
                    ["Campaigns:Scheduling:MaxAttempts"] = MaxAttempts.ToString(),
                    ["Campaigns:Scheduling:RetryBaseSeconds"] = "1",
                    ["Campaigns:Scheduling:SweepSeconds"] = "1",
                },
            });

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            _database.Dispose();
        }
    }
}
