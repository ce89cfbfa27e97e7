using System.Data.Common;
using Campaigns.Host.Tests.Support;
using Campaigns.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;
using static Campaigns.Host.Tests.Support.TieInRollout;

namespace Campaigns.Host.Tests;

/// <summary>
/// A tie-in survives a restart of the host between waves: the released wave is not released again or re-timed, and
/// the waiting gate's timeout still counts from the release before the restart.
/// </summary>
public sealed class TieInRestartTests
{
    private const double SecondGateMinutes = 0.15; // 9 s

    [Fact]
    public async Task A_restart_between_waves_changes_nothing_on_SQLite()
    {
        using var database = new TempSqliteDatabase();
        await RestartBetweenWavesAsync(HostSettings.Sqlite(database.Directory), agency => SandboxLedger.ReadSqliteAsync(database.FilePath, agency),
            () => new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.FilePath, Pooling = false }.ToString()));
    }

    [PostgresFact]
    public async Task A_restart_between_waves_changes_nothing_on_PostgreSQL()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await RestartBetweenWavesAsync(HostSettings.Postgres(database.ConnectionString), agency => SandboxLedger.ReadPostgresAsync(database.ConnectionString, agency),
            () => new NpgsqlConnection(database.ConnectionString));
    }

    private static async Task RestartBetweenWavesAsync(
        HostSettings settings, Func<string, Task<Dictionary<string, SandboxLedger.Entry>>> ledger, Func<DbConnection> database)
    {
        Tenant tenant;
        TieInRollout campaign;
        ReleasedPush released;
        System.Text.Json.Nodes.JsonNode waiting;
        await using (var first = new CampaignsApp(settings))
        {
            tenant = await Tenant.Create(first);
            var client = tenant.Client;
            campaign = await LaunchAsync(client, Body([await AccountAsync(client, "celebrity")], await VideoAsync(client), DateTimeOffset.UtcNow.AddSeconds(1),
                Wave(Ids(await AccountAsync(client, "influencer")), Gate(minViews: 5_000, maxWaitMinutes: 60)),
                Wave(Ids(await AccountAsync(client, "grassroots")), Gate(minViews: 1_000_000, maxWaitMinutes: SecondGateMinutes))));
            await campaign.UntilWaveAsync(0, "published");
            await campaign.SnapshotAsync((await campaign.WaveAsync(0))[0]["id"]!.GetValue<string>(), views: 20_000, likes: 1_000);
            await campaign.UntilWaveAsync(1, "published");
            released = ReleasedPush.Of((await campaign.WaveAsync(1))[0]);
            waiting = (await campaign.WaveAsync(2))[0];
            Assert.True(waiting["gated"]!.GetValue<bool>());
        }

        // Nothing calls the campaign after the restart until wave 2 has published: its gate's deadline trigger must
        // wake it. (Read from the table directly: an API read would activate the campaign grain itself.)
        await using var second = new CampaignsApp(settings);
        _ = second.Server;
        await Poll.Until(async () => await StatusAsync(database, waiting["id"]!.GetValue<string>()) == "published", TimeSpan.FromSeconds(60));
        var again = campaign with { Client = ApiClient.For(second, tenant.ApiKey) };

        Assert.Equal(released, ReleasedPush.Of((await again.WaveAsync(1))[0]));
        var gates = (await again.TimelineAsync()).Where(e => e.Type.StartsWith("gate-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["gate-opened", "gate-timeout-released"], gates.Select(g => g.Type));
        Assert.Contains("wave=1", gates[0].Detail);
        Assert.Contains("wave=2", gates[1].Detail);
        // Wave 1 was released at its first push's instant; wave 2's wait counted from there, across the restart.
        var wave2 = (await again.WaveAsync(2))[0];
        Assert.True(wave2["publishedAt"]!.GetValue<DateTimeOffset>() >= released.ScheduledAt.AddMinutes(SecondGateMinutes), "wave 2 released before its wait ran out");
        Assert.True(Number(gates[1].Detail, "waitedSeconds") >= SecondGateMinutes * 60, gates[1].Detail);
        var posts = await ledger(tenant.Id);
        Assert.Equal(3, posts.Count);
        Assert.All(posts.Values, p => Assert.Equal(1, p.Created));
    }

    private static async Task<string?> StatusAsync(Func<DbConnection> database, string pushId)
    {
        await using var connection = database();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT status FROM pushes WHERE id = @id";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "id";
        parameter.Value = pushId;
        command.Parameters.Add(parameter);
        return (string?)await command.ExecuteScalarAsync();
    }

    /// <summary>What must not change about a released push across the restart.</summary>
    private sealed record ReleasedPush(string Id, string Status, DateTimeOffset ScheduledAt, DateTimeOffset PublishedAt, int Attempts)
    {
        public static ReleasedPush Of(System.Text.Json.Nodes.JsonNode push) => new(
            push["id"]!.GetValue<string>(), push["status"]!.GetValue<string>(), push["scheduledAt"]!.GetValue<DateTimeOffset>(),
            push["publishedAt"]!.GetValue<DateTimeOffset>(), push["attempts"]!.GetValue<int>());
    }
}
