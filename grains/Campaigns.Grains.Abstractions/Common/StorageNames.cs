namespace Campaigns.Grains.Abstractions.Common;

/// <summary>Names of the Orleans storage providers the host registers.</summary>
public static class StorageNames
{
    /// <summary>The ADO.NET grain storage on the configured database (SQLite or PostgreSQL).</summary>
    public const string Campaigns = "campaigns";
}
