using System.Data.Common;

namespace Campaigns.Storage.Tests;

/// <summary>Small query helpers over <see cref="DbConnectionFactory"/> for assertions.</summary>
internal static class Db
{
    public static async Task<long> ScalarLongAsync(StorageSettings settings, string sql)
    {
        await using var connection = await new DbConnectionFactory(settings).OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public static async Task<List<string>> StringsAsync(StorageSettings settings, string sql)
    {
        await using var connection = await new DbConnectionFactory(settings).OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>True while a session of this PostgreSQL database waits for a lock (another test's open transaction holds it).</summary>
    public static async Task<bool> WaitingForALockAsync(StorageSettings settings) =>
        await ScalarLongAsync(settings,
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") > 0;

    /// <summary>How many scripts the provider ships, i.e. how many journal rows a full migration leaves.</summary>
    public static int ScriptCount(StorageProvider provider)
    {
        var prefix = provider == StorageProvider.Sqlite ? "Migrations/Sqlite/" : "Migrations/PostgreSql/";
        return typeof(DatabaseMigrator).Assembly.GetManifestResourceNames().Count(n => n.StartsWith(prefix, StringComparison.Ordinal));
    }
}
