using Campaigns.Testing;

namespace Campaigns.Storage.Tests;

/// <summary>Each test gets its own database: migration state must start empty.</summary>
public sealed class PostgresMigrationTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    private StorageSettings Settings => new(StorageProvider.PostgreSql, _database.ConnectionString);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [PostgresFact]
    public Task Running_twice_is_a_no_op() => MigrationScenarios.RunningTwiceIsANoOp(Settings);

    [PostgresFact]
    public Task Concurrent_migrators_all_succeed_and_run_each_script_once() =>
        MigrationScenarios.ConcurrentMigratorsBothSucceedAndRunEachScriptOnce(Settings);

    [PostgresFact]
    public async Task All_clustering_and_persistence_queries_are_present()
    {
        var keys = await MigrationScenarios.QueryKeysAsync(Settings);
        Assert.All(
            OrleansQueryKeys.Persistence.Concat(OrleansQueryKeys.Clustering),
            key => Assert.Contains(key, keys));
    }
}
