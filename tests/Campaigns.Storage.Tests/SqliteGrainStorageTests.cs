using Campaigns.Testing;

namespace Campaigns.Storage.Tests;

public sealed class SqliteGrainStorageTests : IDisposable
{
    private readonly TempSqliteDatabase _database = new();
    private readonly StorageSettings _settings;

    public SqliteGrainStorageTests()
    {
        _settings = new StorageSettings(StorageProvider.Sqlite, _database.ConnectionString);
        DatabaseMigrator.Migrate(_settings);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public Task Write_read_clear() => GrainStorageScenarios.WriteReadClear(_settings);

    [Fact]
    public Task State_survives_deactivation() => GrainStorageScenarios.StateSurvivesDeactivation(_settings);

    [Fact]
    public Task State_survives_cluster_restart() => GrainStorageScenarios.StateSurvivesClusterRestart(_settings);

    [Fact]
    public Task Stale_etags_are_rejected() => GrainStorageScenarios.StaleETagsAreRejected(_settings);

    [Fact]
    public Task Delete_on_clear_removes_the_row() => GrainStorageScenarios.DeleteOnClearRemovesTheRow(_settings);
}
