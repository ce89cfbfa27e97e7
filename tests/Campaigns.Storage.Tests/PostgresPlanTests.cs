using Campaigns.Storage.Feedback;
using Campaigns.Storage.Pushes;
using Campaigns.Testing;
using Dapper;
using static Campaigns.Storage.Tests.MetricsStoreScenarios;

namespace Campaigns.Storage.Tests;

/// <summary>
/// On PostgreSQL, the snapshots' group commit plans its statements once per connection, not once per batch. PostgreSQL
/// plans a prepared statement afresh on its first five runs and then whenever a fresh (custom) plan looks cheaper than
/// its generic one, as it often does for statements over arrays whose lengths it can see; the metrics benchmark spent
/// as long planning the snapshots' lock as running it. <c>pg_prepared_statements</c> counts, per session, how each
/// statement was planned.
/// </summary>
[RequiresPostgres]
public sealed class PostgresPlanTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    [ProviderFact]
    public async Task A_checked_batch_of_snapshots_runs_on_generic_plans_from_its_first_batch()
    {
        // One pooled connection: every batch runs in the session whose prepared statements are read afterwards.
        var settings = new StorageSettings(StorageProvider.PostgreSql, _database.ConnectionString + ";Maximum Pool Size=1");
        DatabaseMigrator.Migrate(settings);
        var connections = new DbConnectionFactory(settings);
        await new OwnerPushes(connections).InsertAsync([Push("psh_a"), Push("psh_b")]);
        var metrics = new MetricsStore(connections);
        const int batches = 8;

        for (var i = 1; i <= batches; i++)
        {
            var checks = await metrics.RecordCheckedAsync(
                [Write("psh_a", at: i * 1_000, views: i * 10), Write("psh_b", at: i * 1_000, views: i * 20)], i * 1_000, ViewsNeverDecrease);
            Assert.All(checks, c => Assert.True(c.Applied));
        }

        await using var connection = await connections.OpenAsync();
        var plans = (await connection.QueryAsync<(string Statement, long Generic, long Custom)>(
            """
            SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements
            WHERE statement LIKE '%FOR UPDATE OF p%' OR statement LIKE '%INSERT INTO push_metrics%'
            """)).ToList();
        Assert.Equal(2, plans.Count); // the lock and the write
        // Without `SET LOCAL plan_cache_mode` in PostgresCheckedMetricsWrite, each statement's first five runs are
        // custom plans (and later ones too, whenever a custom plan looks cheaper).
        Assert.All(plans, p => Assert.Equal((batches, 0L), (p.Generic, p.Custom)));
    }

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();
}
