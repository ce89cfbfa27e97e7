using DbUp;
using Microsoft.Extensions.Logging;

namespace Campaigns.Storage;

/// <summary>Placeholder; replaced by the storage branch.</summary>
public static class DatabaseMigrator
{
    public static void Migrate(StorageSettings settings, ILogger? logger = null)
    {
        var prefix = $"Campaigns.Storage.Migrations.{settings.Provider}.";
        var builder = settings.Provider == StorageProvider.Sqlite
            ? DeployChanges.To.SqliteDatabase(settings.ConnectionString)
            : DeployChanges.To.PostgresqlDatabase(settings.ConnectionString);
        var result = builder.WithScriptsEmbeddedInAssembly(typeof(DatabaseMigrator).Assembly, s => s.StartsWith(prefix, StringComparison.Ordinal))
            .LogToNowhere().Build().PerformUpgrade();
        if (!result.Successful) throw result.Error;
    }
}
