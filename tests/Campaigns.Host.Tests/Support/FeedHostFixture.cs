using Campaigns.Testing;

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
public sealed class SqliteFeedHostFixture : HostFixture
{
    private readonly TempSqliteDatabase _database = new();

    protected override Task<HostSettings?> CreateSettingsAsync() =>
        Task.FromResult<HostSettings?>(HostSettings.Sqlite(_database.Directory) with { Overrides = FeedSettings.Overrides });

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }
}

/// <summary>A fast-feeding host on a fresh PostgreSQL database (nothing when PostgreSQL is not configured and not required).</summary>
public sealed class PostgresFeedHostFixture : HostFixture
{
    private readonly PostgresDatabase _database = new();

    protected override async Task<HostSettings?> CreateSettingsAsync()
    {
        await _database.InitializeAsync();
        return PostgresTestEnvironment.ServerConnectionString is null
            ? null
            : HostSettings.Postgres(_database.ConnectionString) with { Overrides = FeedSettings.Overrides };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}
