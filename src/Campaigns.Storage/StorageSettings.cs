namespace Campaigns.Storage;

/// <summary>Which database to use and how to reach it.</summary>
/// <param name="Provider">The database engine.</param>
/// <param name="ConnectionString">A Microsoft.Data.Sqlite or Npgsql connection string.</param>
public sealed record StorageSettings(StorageProvider Provider, string ConnectionString)
{
    /// <summary>
    /// The Orleans ADO.NET invariant for SQLite. Orleans maps this name to Microsoft.Data.Sqlite's factory;
    /// the string "Microsoft.Data.Sqlite" is not recognised by Orleans.
    /// </summary>
    public const string SqliteAdoInvariant = "System.Data.SQLite";

    /// <summary>The Orleans ADO.NET invariant for PostgreSQL.</summary>
    public const string PostgreSqlAdoInvariant = "Npgsql";

    /// <summary>The value for the <c>Invariant</c> option of Orleans' ADO.NET providers.</summary>
    public string AdoInvariant => GetAdoInvariant(Provider);

    /// <summary>
    /// The connection string to hand to Orleans' ADO.NET providers and to open connections with:
    /// for SQLite it gains a 30 s <c>Default Timeout</c> (unless one is given) so concurrent writers wait
    /// for the lock instead of failing with SQLITE_BUSY.
    /// </summary>
    public string EffectiveConnectionString => ConnectionStrings.Normalize(Provider, ConnectionString);

    /// <summary>Returns the Orleans ADO.NET invariant name for <paramref name="provider"/>.</summary>
    /// <param name="provider">The database engine.</param>
    /// <returns><c>"System.Data.SQLite"</c> or <c>"Npgsql"</c>.</returns>
    public static string GetAdoInvariant(StorageProvider provider) => provider switch
    {
        StorageProvider.Sqlite => SqliteAdoInvariant,
        StorageProvider.PostgreSql => PostgreSqlAdoInvariant,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown storage provider."),
    };
}
