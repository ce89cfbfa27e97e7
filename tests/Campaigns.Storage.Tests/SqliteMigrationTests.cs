using Campaigns.Testing;

namespace Campaigns.Storage.Tests;

public sealed class SqliteMigrationTests : IDisposable
{
    private readonly TempSqliteDatabase _database = new(Path.Combine("nested", "dir", "campaigns.db"));

    private StorageSettings Settings => new(StorageProvider.Sqlite, _database.ConnectionString);

    public void Dispose() => _database.Dispose();

    [Fact]
    public Task Running_twice_is_a_no_op() => MigrationScenarios.RunningTwiceIsANoOp(Settings);

    [Fact]
    public Task Concurrent_migrators_all_succeed_and_run_each_script_once() =>
        MigrationScenarios.ConcurrentMigratorsBothSucceedAndRunEachScriptOnce(Settings);

    [Fact]
    public async Task Persistence_queries_are_present()
    {
        var keys = await MigrationScenarios.QueryKeysAsync(Settings);
        Assert.All(OrleansQueryKeys.Persistence, key => Assert.Contains(key, keys));
    }

    [Fact]
    public async Task Database_is_in_wal_mode_and_connections_wait_for_locks()
    {
        DatabaseMigrator.Migrate(Settings);

        await using var connection = await new DbConnectionFactory(Settings).OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA busy_timeout;";
        Assert.Equal(30_000L, Convert.ToInt64(await command.ExecuteScalarAsync()));
    }
}
