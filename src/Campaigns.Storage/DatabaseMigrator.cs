using Microsoft.Extensions.Logging;

namespace Campaigns.Storage;

/// <summary>
/// Brings a database schema up to date by running the SQL scripts embedded under
/// <c>Migrations/Sqlite/</c> or <c>Migrations/PostgreSql/</c>, in name order, each exactly once.
/// </summary>
public static class DatabaseMigrator
{
    /// <summary>
    /// Runs every script of <paramref name="settings"/>' provider that has not run yet. Safe to call on
    /// every start, and from several processes at once: runs are serialised per database (a PostgreSQL
    /// advisory lock, or a lock file beside the SQLite database).
    /// </summary>
    /// <param name="settings">The database to migrate. A PostgreSQL database must already exist.</param>
    /// <param name="logger">Receives DbUp's progress messages; none are written when null.</param>
    /// <exception cref="InvalidOperationException">A script failed; the error is the inner exception.</exception>
    public static void Migrate(StorageSettings settings, ILogger? logger = null) => Migrate(settings, logger, include: null);

    /// <summary>Runs only the pending scripts whose file names <paramref name="include"/> accepts (tests stop part-way).</summary>
    internal static void Migrate(StorageSettings settings, ILogger? logger, Func<string, bool>? include)
    {
        ArgumentNullException.ThrowIfNull(settings);
        switch (settings.Provider)
        {
            case StorageProvider.Sqlite:
                SqliteMigrationRunner.Run(settings.EffectiveConnectionString, logger, include);
                break;
            case StorageProvider.PostgreSql:
                PostgreSqlMigrationRunner.Run(settings.EffectiveConnectionString, logger, include);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(settings), settings.Provider, "Unknown storage provider.");
        }
    }
}
