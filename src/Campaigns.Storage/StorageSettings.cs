namespace Campaigns.Storage;

/// <summary>Which database and how to reach it.</summary>
public sealed record StorageSettings(StorageProvider Provider, string ConnectionString)
{
    /// <summary>The ADO.NET invariant name Orleans' providers need for this database.</summary>
    public string OrleansInvariant => Provider == StorageProvider.Sqlite ? "System.Data.SQLite" : "Npgsql";
}
