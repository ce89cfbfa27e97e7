using Campaigns.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Campaigns.Host.Configuration;

/// <summary>Turns configuration into <see cref="StorageSettings"/>.</summary>
public static class StorageConfiguration
{
    public const string ConnectionStringName = "Campaigns";
    public const string SqliteFileName = "campaigns.db";

    /// <summary>Statements each PostgreSQL connection prepares automatically, unless the connection string says otherwise.</summary>
    public const int AutoPreparedStatements = 100;

    public static StorageSettings Resolve(CampaignsOptions options, IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (options.Storage.Provider == StorageProvider.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(configured ?? "")
            {
                Pooling = true,
                DefaultTimeout = 30,
            };
            if (string.IsNullOrEmpty(builder.DataSource))
            {
                Directory.CreateDirectory(options.DataDirectory);
                builder.DataSource = Path.GetFullPath(Path.Combine(options.DataDirectory, SqliteFileName));
            }
            return new StorageSettings(StorageProvider.Sqlite, builder.ConnectionString);
        }

        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException(
                $"Campaigns:Storage:Provider is PostgreSql but ConnectionStrings:{ConnectionStringName} is not set.");
        }
        var npgsql = new NpgsqlConnectionStringBuilder(configured);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured };
        if (!new[] { "Maximum Pool Size", "Max Pool Size", "MaxPoolSize" }.Any(given.ContainsKey))
        {
            npgsql.MaxPoolSize = options.Storage.MaxPoolSize;
        }
        if (!new[] { "Max Auto Prepare", "MaxAutoPrepare" }.Any(given.ContainsKey))
        {
            // The same few statements run thousands of times: prepared once per connection, PostgreSQL stops parsing
            // and planning them on every call (docs/operations.md, "Prepared statements").
            npgsql.MaxAutoPrepare = AutoPreparedStatements;
        }
        if (!new[] { "No Reset On Close", "NoResetOnClose" }.Any(given.ContainsKey))
        {
            // A connection goes back to the pool as it is, without the seven statements (RESET ALL, CLOSE ALL, UNLISTEN,
            // pg_advisory_unlock_all() …) that Npgsql would otherwise send before its next use: a fifth of PostgreSQL's
            // CPU per account created. Nothing here leaves session state on a pooled connection (docs/operations.md,
            // "Connection reset"), and Npgsql rolls back a transaction left open either way.
            npgsql.NoResetOnClose = true;
        }
        return new StorageSettings(StorageProvider.PostgreSql, npgsql.ConnectionString);
    }
}
