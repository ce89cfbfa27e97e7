using Campaigns.Storage.Feedback;
using Campaigns.Storage.Pushes;
using Campaigns.Testing;
using Dapper;
using static Campaigns.Storage.Tests.MetricsStoreScenarios;

namespace Campaigns.Storage.Tests;

/// <summary>
/// On PostgreSQL a batch of snapshots is one statement (PostgresMetricsWrite), whose reads would see the statement's
/// snapshot unless they lock. Here an open transaction stands in for a concurrent batch (another silo's, or the feed's)
/// that has changed a push's latest and not yet committed.
/// </summary>
[RequiresPostgres]
public sealed class PostgresMetricsLockTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly PostgresDatabase _database = new();

    private StorageSettings Settings => new(StorageProvider.PostgreSql, _database.ConnectionString);

    [ProviderFact]
    public async Task The_views_a_snapshot_adds_are_counted_from_the_latest_a_concurrent_batch_committed()
    {
        DatabaseMigrator.Migrate(Settings);
        var connections = new DbConnectionFactory(Settings);
        await new OwnerPushes(connections).InsertAsync([Push("psh_a")]);
        var metrics = new MetricsStore(connections);
        var first = await metrics.RecordAsync([Write("psh_a", at: 1_000, views: 10)], receivedAt: 1_000);
        Assert.Equal([true], first);

        await using var other = await connections.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await other.ExecuteAsync("UPDATE pushes SET metrics_at = 2000, views = 50 WHERE agency_id = @Agency AND id = 'psh_a'", new { Agency }, transaction);
        var record = metrics.RecordAsync([Write("psh_a", at: 3_000, views: 70)], receivedAt: 3_000);
        await Poll.Until(() => WaitingForALockAsync(connections));
        await transaction.CommitAsync();

        var applied = await record.WaitAsync(Patience);
        Assert.Equal([true], applied);
        // 70 − 50: without `FOR UPDATE OF p` in PostgresMetricsWrite's `locked` the push's views are read as the
        // statement's snapshot saw them (10), and 60 views that never happened are added to the campaign's curve.
        Assert.Equal(20, await Db.ScalarLongAsync(Settings, "SELECT views FROM campaign_views WHERE at_second = 3"));
    }

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private static async Task<bool> WaitingForALockAsync(DbConnectionFactory connections)
    {
        await using var connection = await connections.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") > 0;
    }
}
