namespace Campaigns.Storage.Agencies;

/// <summary>
/// One API key of an agency: its name, the SHA-256 hash of the key (the key itself is never stored) and when it was
/// created and last used (Unix milliseconds). Setters rather than a record: SQLite and PostgreSQL return integers of
/// different widths, and Dapper converts on property assignment.
/// </summary>
public sealed class ApiKeyRecord
{
    public string AgencyId { get; set; } = "";
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string KeyHash { get; set; } = "";
    public long CreatedAt { get; set; }
    public long? LastUsedAt { get; set; }
}
