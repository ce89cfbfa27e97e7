using System.Diagnostics;
using Campaigns.Host.Tests.Support;
using Campaigns.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Campaigns.Host.Tests;

/// <summary>
/// Silos on one PostgreSQL database share the firing of a campaign: each push fires on exactly one. And when one of
/// three is killed with SIGKILL mid-campaign, the others take its claims back as soon as the membership declares it
/// dead, and every push is published once.
/// </summary>
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
        // the sandbox fails nothing on purpose, and both silos live and renew their leases.
        Assert.Equal(pushes.Count, ledger.Values.Sum(e => e.Attempts));
        Assert.All(pushes, p => Assert.Equal(1, p["attempts"]!.GetValue<int>()));

        var lags = pushes.Select(p => (p["firedAt"]!.GetValue<DateTimeOffset>() - p["scheduledAt"]!.GetValue<DateTimeOffset>()).TotalMilliseconds).Order().ToList();
        output.WriteLine($"fire lag p50 {lags[lags.Count / 2]:F0} ms, max {lags[^1]:F0} ms");
    }

    /// <summary>Well under the minutes a dead silo's claims used to wait; the goal (30 s) is the benchmark's.</summary>
    private static readonly TimeSpan RecoveredWithin = TimeSpan.FromSeconds(60);

    // Fails without `snapshot.GetSiloStatus(silo) == SiloStatus.Dead` in DeadHolders.Dead (checked): the dead silo's
    // claims then wait for their five-minute leases, past the deadline.
    [PostgresFact]
    public async Task A_silo_killed_mid_campaign_loses_nothing_and_its_claims_are_published_once_within_seconds()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 30 }.ToString();
        var adminKey = "adm_test_" + Guid.NewGuid().ToString("N");
        var clusterId = "kill-" + Guid.NewGuid().ToString("N")[..8];
        var settings = new Dictionary<string, string>
        {
            ["Campaigns:Storage:Provider"] = "PostgreSql",
            ["ConnectionStrings:Campaigns"] = connectionString,
            ["Campaigns:Cluster:ClusterId"] = clusterId,
            ["Campaigns:Cluster:ServiceId"] = clusterId,
            ["Campaigns:Scheduling:SweepSeconds"] = "2",
            ["Campaigns:Scheduling:RetryBaseSeconds"] = "1",
            // A lease far longer than the deadline: only the membership's verdict can make it.
            ["Campaigns:Scheduling:LeaseSeconds"] = "300",
            ["Campaigns:Sandbox:Latency"] = "00:00:01.500",
        };
        var silos = new List<HostProcess>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                silos.Add(await HostProcess.StartAsync(Path.Combine(Path.GetTempPath(), $"campaigns-kill-{clusterId}-{i}"), adminKey, settings));
            }
            await Poll.Until(async () => await ActiveSilos(connectionString, clusterId) == 3, TimeSpan.FromSeconds(60));
            var (agencyId, apiKey) = await FiringCampaign.CreateAgencyAsync(silos[0].Client(adminKey));
            // 60 accounts on two platforms, two videos: 15 instants a second apart, four pushes at each.
            var campaign = await FiringCampaign.LaunchAsync(silos[0].Client(apiKey), 60, ["douyin", "kuaishou"], videos: 2, startIn: TimeSpan.FromSeconds(5));

            // The silo holding the most claims dies while they publish.
            Dictionary<string, long> holders = [];
            await Poll.Until(async () => (holders = await Holders(connectionString, agencyId)).Count > 0, TimeSpan.FromSeconds(60));
            var victim = silos.Single(s => holders.MaxBy(h => h.Value).Key.StartsWith($"127.0.0.1:{s.SiloPort}@", StringComparison.Ordinal));
            await victim.KillAsync();
            var killedAt = Stopwatch.StartNew();
            var killed = DateTimeOffset.UtcNow;
            var orphans = await HeldBy(connectionString, agencyId, holders.MaxBy(h => h.Value).Key);
            output.WriteLine($"killed the silo on port {victim.SiloPort} holding {holders.Values.Max()} of {holders.Values.Sum()} claims");

            var survivor = campaign with { Client = silos.First(s => s != victim).Client(apiKey) };
            // Until the membership declares the silo dead, reads of grains it held answer 503: polled through.
            await Poll.Until(async () => await survivor.Client.Get($"/v1/campaigns/{campaign.Id}") is { StatusCode: System.Net.HttpStatusCode.OK } read
                && (await ApiClient.Json(read))["status"]!.GetValue<string>() == "completed", RecoveredWithin);
            output.WriteLine($"campaign completed {killedAt.Elapsed.TotalSeconds:F1} s after the kill");

            var pushes = await survivor.PushesAsync();
            var recovered = pushes.Where(p => orphans.Contains(p["id"]!.GetValue<string>())).Select(p => p["publishedAt"]?.GetValue<DateTimeOffset>()).ToList();
            output.WriteLine($"the {orphans.Count} pushes the dead silo held were published {(recovered.Max() - killed)?.TotalSeconds:F1} s after the kill at the latest");
            Assert.Equal(campaign.Planned, pushes.Count);
            Assert.All(pushes, p => Assert.Equal("published", p["status"]!.GetValue<string>()));
            var ledger = await SandboxLedger.ReadPostgresAsync(connectionString, agencyId);
            Assert.All(pushes, p => Assert.Equal((1L, 1L), ledger[$"{agencyId}:{p["id"]!.GetValue<string>()}"] is var e ? (e.Created, e.Creates) : default));
        }
        catch
        {
            foreach (var silo in silos)
            {
                output.WriteLine($"--- silo on port {silo.SiloPort}:\n{silo.Output}");
            }
            throw;
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    /// <summary>The pushes a lease holder had claimed and not settled when it died.</summary>
    private static async Task<HashSet<string>> HeldBy(string connectionString, string agencyId, string holder)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM pushes WHERE agency_id = @a AND status = 'publishing' AND lease_holder = @h", connection);
        command.Parameters.AddWithValue("a", agencyId);
        command.Parameters.AddWithValue("h", holder);
        var ids = new HashSet<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    /// <summary>Claims in flight now, by lease holder (<c>address:port@generation</c>).</summary>
    private static async Task<Dictionary<string, long>> Holders(string connectionString, string agencyId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT lease_holder, count(*) FROM pushes WHERE agency_id = @a AND status = 'publishing' AND lease_holder IS NOT NULL GROUP BY lease_holder", connection);
        command.Parameters.AddWithValue("a", agencyId);
        var holders = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            holders[reader.GetString(0)] = reader.GetInt64(1);
        }
        return holders;
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
