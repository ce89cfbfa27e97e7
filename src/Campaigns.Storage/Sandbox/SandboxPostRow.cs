namespace Campaigns.Storage.Sandbox;

/// <summary>
/// A row of <c>sandbox_posts</c>. Setters rather than a positional record: SQLite returns INTEGER as Int64 and
/// PostgreSQL INTEGER as Int32, and Dapper converts on property assignment but not when matching constructors.
/// </summary>
public sealed class SandboxPostRow
{
    public string IdempotencyKey { get; set; } = "";
    public string? PlatformPostId { get; set; }
    public string AgencyId { get; set; } = "";
    public string AccountId { get; set; } = "";
    public string PushId { get; set; } = "";
    public string VideoId { get; set; } = "";

    /// <summary>The platform's wire name.</summary>
    public string Platform { get; set; } = "";
    public long Followers { get; set; }

    /// <summary>When the post went live (Unix ms), once created.</summary>
    public long? PublishedAt { get; set; }
    public long Attempts { get; set; }
    public long Created { get; set; }
    public long Creates { get; set; }
}
