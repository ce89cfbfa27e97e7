namespace Campaigns.Storage;

/// <summary>The relational database engine that backs Orleans state and the application's own tables.</summary>
public enum StorageProvider
{
    /// <summary>A local SQLite file: single-node deployments and development. Orleans persistence only.</summary>
    Sqlite,

    /// <summary>PostgreSQL: Orleans clustering and persistence, for multi-silo deployments.</summary>
    PostgreSql,
}
