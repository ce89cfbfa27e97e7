using System.Diagnostics;
using Campaigns.Host.Tests.Support;
using Campaigns.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Campaigns.Host.Tests;

/// <summary>Two silos on one PostgreSQL database share the firing of a campaign: each push fires on exactly one.</summary>
public sealed class TimedPushClusterTests(ITestOutputHelper output)
{
    private const int Accounts = 200;

    [PostgresFact]
    public async Task Two_silos_fire_each_push_of_a_campaign_exactly_once()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        // Each silo's pools stay small, so two silos and the test stay well under the server's connection limit.
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 40 }.ToString();
        var settings = HostSettings.Postgres(connectionString) with
        {
            Overrides = new Dictionary<string, string>
            {
                ["Campaigns:Scheduling:SweepSeconds"] = "2",
                ["Campaigns:Sandbox:Latency"] = "00:00:00.020",
            },
        };
        await using var siloA = new CampaignsApp(settings);
        _ = siloA.Server;
        await using var siloB = new CampaignsApp(settings with { DataDirectory = settings.DataDirectory + "-b" });
        _ = siloB.Server;
        await Poll.Until(async () => await ActiveSilos(connectionString, settings.ClusterId) == 2, TimeSpan.FromSeconds(60));

        var (agencyId, apiKey) = await FiringCampaign.CreateAgencyAsync(ApiClient.For(siloA, settings.AdminKey));
        // 200 accounts over four platforms, five videos: twenty (platform, video) pairs, so ten instants a second
        // apart with twenty pushes at each. Each account posts once: the planner keeps an account's posts minutes apart.
        var campaign = await FiringCampaign.LaunchAsync(
            ApiClient.For(siloA, apiKey), Accounts, ["douyin", "kuaishou", "bilibili", "xiaohongshu"], videos: 5, startIn: TimeSpan.FromSeconds(5), parallelism: 8);
        Assert.Equal(Accounts, campaign.Planned);

        var clock = Stopwatch.StartNew();
        var viaB = campaign with { Client = ApiClient.For(siloB, apiKey) };
        await Poll.Until(async () => await viaB.StatusAsync() == "completed", TimeSpan.FromSeconds(90));
        output.WriteLine($"completed {clock.Elapsed.TotalSeconds:F1} s after launch");

        var pushes = await viaB.PushesAsync();
        Assert.Equal(Accounts, pushes.Count);
        Assert.All(pushes, p => Assert.Equal("published", p["status"]!.GetValue<string>()));
        var ledger = await SandboxLedger.ReadPostgresAsync(connectionString, agencyId);
        Assert.All(pushes, p => Assert.Equal(1, ledger[$"{agencyId}:{p["id"]!.GetValue<string>()}"].Created));
        Assert.Equal(pushes.Count, ledger.Count);
        // No publish reached the platform twice. Retries could legitimately add attempts, but none happen here:
        // the sandbox fails nothing on purpose, and no push stays publishing for the two minutes after which the
        // sweeper would presume its silo dead.
        Assert.Equal(pushes.Count, ledger.Values.Sum(e => e.Attempts));
        Assert.All(pushes, p => Assert.Equal(1, p["attempts"]!.GetValue<int>()));

        var lags = pushes.Select(p => (p["firedAt"]!.GetValue<DateTimeOffset>() - p["scheduledAt"]!.GetValue<DateTimeOffset>()).TotalMilliseconds).Order().ToList();
        output.WriteLine($"fire lag p50 {lags[lags.Count / 2]:F0} ms, max {lags[^1]:F0} ms");
    }

    private static async Task<long> ActiveSilos(string connectionString, string clusterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @c AND status = 3", connection);
        command.Parameters.AddWithValue("c", clusterId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
