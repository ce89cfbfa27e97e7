namespace Campaigns.Storage;

/// <summary>The database behind Campaigns.</summary>
public enum StorageProvider
{
    Sqlite,
    PostgreSql,
}
