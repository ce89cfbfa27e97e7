using Campaigns.Testing;

namespace Campaigns.Storage.Tests;

/// <summary>One database for the class: every scenario uses its own ServiceId, so they do not collide.</summary>
public sealed class PostgresGrainStorageTests(PostgresGrainStorageTests.MigratedDatabase database)
    : IClassFixture<PostgresGrainStorageTests.MigratedDatabase>
{
    private StorageSettings Settings => database.Settings;

    [PostgresFact]
    public Task Write_read_clear() => GrainStorageScenarios.WriteReadClear(Settings);

    [PostgresFact]
    public Task State_survives_deactivation() => GrainStorageScenarios.StateSurvivesDeactivation(Settings);

    [PostgresFact]
    public Task State_survives_cluster_restart() => GrainStorageScenarios.StateSurvivesClusterRestart(Settings);

    [PostgresFact]
    public Task Stale_etags_are_rejected() => GrainStorageScenarios.StaleETagsAreRejected(Settings);

    [PostgresFact]
    public Task Delete_on_clear_removes_the_row() => GrainStorageScenarios.DeleteOnClearRemovesTheRow(Settings);

    /// <summary>A fresh PostgreSQL database with all migrations applied.</summary>
    public sealed class MigratedDatabase : IAsyncLifetime
    {
        private readonly PostgresDatabase _database = new();

        public StorageSettings Settings => new(StorageProvider.PostgreSql, _database.ConnectionString);

        public async Task InitializeAsync()
        {
            await _database.InitializeAsync();
            if (!PostgresTestEnvironment.ShouldSkip)
            {
                DatabaseMigrator.Migrate(Settings);
            }
        }

        public Task DisposeAsync() => _database.DisposeAsync();
    }
}
