namespace Campaigns.Storage.Tests;

/// <summary>Migration checks shared by the SQLite and PostgreSQL test classes.</summary>
internal static class MigrationScenarios
{
    // DbUp's default journal table; unquoted so it matches on both engines.
    private const string JournalCount = "SELECT COUNT(*) FROM schemaversions";
    private const string DistinctJournalCount = "SELECT COUNT(DISTINCT scriptname) FROM schemaversions";

    public static async Task RunningTwiceIsANoOp(StorageSettings settings)
    {
        DatabaseMigrator.Migrate(settings);
        var queries = await Db.ScalarLongAsync(settings, "SELECT COUNT(*) FROM OrleansQuery");

        DatabaseMigrator.Migrate(settings);

        Assert.Equal(Db.ScriptCount(settings.Provider), await Db.ScalarLongAsync(settings, JournalCount));
        Assert.Equal(queries, await Db.ScalarLongAsync(settings, "SELECT COUNT(*) FROM OrleansQuery"));
    }

    public static async Task ConcurrentMigratorsBothSucceedAndRunEachScriptOnce(StorageSettings settings)
    {
        // A barrier releases all migrators together to maximise the overlap.
        const int migrators = 4;
        using var start = new Barrier(migrators);
        var runs = Enumerable.Range(0, migrators).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            DatabaseMigrator.Migrate(settings);
        }));
        await Task.WhenAll(runs);

        var scripts = Db.ScriptCount(settings.Provider);
        Assert.Equal(scripts, await Db.ScalarLongAsync(settings, JournalCount));
        Assert.Equal(scripts, await Db.ScalarLongAsync(settings, DistinctJournalCount));
    }

    public static async Task<List<string>> QueryKeysAsync(StorageSettings settings)
    {
        DatabaseMigrator.Migrate(settings);
        return await Db.StringsAsync(settings, "SELECT QueryKey FROM OrleansQuery");
    }
}
