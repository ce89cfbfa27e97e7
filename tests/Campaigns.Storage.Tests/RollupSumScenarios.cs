
using Campaigns.Domain.Pushes;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Feedback;
using Campaigns.Storage.Pushes;
using Campaigns.Storage.Reports;
using Campaigns.Testing;
using Dapper;
namespace Campaigns.Storage.Tests;

/// <summary>
/// Roll-ups per provider at the largest engagement a snapshot may carry (10^12 of every counter and 10^12 of GMV):
/// a thousand such pushes on one video, account and product sum exactly, without an overflow error.
/// </summary>
public abstract class RollupSumScenarios
{
    private const string Agency = "agy_rollups";
    private const long Max = 1_000_000_000_000, Pushes = 1_000;

    protected abstract StorageSettings Settings { get; }

    [ProviderFact]
    public async Task A_thousand_pushes_at_the_maximum_sum_exactly()
    {
        DatabaseMigrator.Migrate(Settings);
        var connections = new DbConnectionFactory(Settings);
        var ids = Enumerable.Range(0, (int)Pushes).Select(i => $"psh_{i:D5}").ToList();
        await new OwnerPushes(connections).InsertAsync(ids.Select(Push).ToList());
        await using (var connection = await connections.OpenAsync())
        {
            await connection.ExecuteAsync("INSERT INTO video_products (agency_id, video_id, product_id) VALUES (@Agency, 'vid_1', 'prd_1')", new { Agency });
        }
        // GMV is stored in ten-thousandths: 10^16 a push, so a plain SUM passes 2^63 after 923 pushes.
        var gmvStored = (long)(Max * EngagementCountersRow.GmvScale);
        await new MetricsStore(connections).RecordAsync(
            ids.Select(id => new MetricsWrite(Agency, id, new MetricsRow(1_000, Max, Max, Max, Max, Max, Max, gmvStored))).ToList(), receivedAt: 2_000);
        var rollups = new RollupStore(connections);

        var sums = new[]
        {
            (await rollups.ByVideoAsync(Agency, ["vid_1"]))["vid_1"],
            (await rollups.ByAccountAsync(Agency, ["acc_1"]))["acc_1"],
            (await rollups.ByProductAsync(Agency, ["prd_1"]))["prd_1"],
        };

        // With CAST(SUM(p.gmv) AS BIGINT) in RollupStore.Sums instead of the split into units and fractions, SQLite fails
        // with "integer overflow" and PostgreSQL with "bigint out of range".
        Assert.All(sums, s => Assert.Equal((Pushes, Max * Pushes, Max * Pushes, Max * Pushes, (decimal)Max * Pushes), (s.Pushes, s.Views, s.Orders, s.Clicks, s.Gmv)));
    }

    private static PushRow Push(string id) => new()
    {
        AgencyId = Agency, Id = id, CampaignId = "cam_rollups", AccountId = "acc_1", VideoId = "vid_1", Platform = "douyin",
        Lifecycle = PushStatus.Published, PublishedAt = 500, ScheduledAt = 500, DueAt = 500, UpdatedAt = 500,
    };
}

public sealed class SqliteRollupSumTests : RollupSumScenarios, IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    protected override StorageSettings Settings => new(StorageProvider.Sqlite, _database.ConnectionString);

    public void Dispose() => _database.Dispose();
}

[RequiresPostgres]
public sealed class PostgresRollupSumTests : RollupSumScenarios, IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    protected override StorageSettings Settings => new(StorageProvider.PostgreSql, _database.ConnectionString);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();
}
