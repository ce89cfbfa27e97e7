namespace Campaigns.Host.Tests.Support;

/// <summary>
/// Hosts whose sandbox engagement runs an hour per real second and whose sandbox feed runs every second, so a sandbox
/// post gains engagement (and its push snapshots) within seconds.
/// </summary>
public static class FeedSettings
{
    public static readonly IReadOnlyDictionary<string, string> Overrides = new Dictionary<string, string>
    {
        ["Campaigns:Sandbox:TimeScale"] = "3600",
        ["Campaigns:Sandbox:FeedSeconds"] = "1",
    };
}

/// <summary>A fast-feeding host on a SQLite file in a fresh temporary directory.</summary>
public sealed class SqliteFeedHostFixture : SqliteHostFixture
{
    protected override IReadOnlyDictionary<string, string> Overrides => FeedSettings.Overrides;
}

/// <summary>A fast-feeding host on a fresh PostgreSQL database (nothing when PostgreSQL is not configured and not required).</summary>
public sealed class PostgresFeedHostFixture : PostgresHostFixture
{
    protected override IReadOnlyDictionary<string, string> Overrides => FeedSettings.Overrides;
}
