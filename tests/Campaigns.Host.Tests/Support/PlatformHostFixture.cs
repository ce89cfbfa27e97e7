using Campaigns.PlatformFakes;
using Campaigns.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Campaigns.Host.Tests.Support;

/// <summary>
/// The real host configured against the five platform fakes (client credentials, API and auth hosts), with its log
/// lines captured.
/// </summary>
public abstract class PlatformHostFixture : HostFixture
{
    /// <summary>What the host builds redirect URIs from; never reached, the tests carry the callback to the host themselves.</summary>
    public const string PublicBaseUrl = "https://campaigns.example.test";

    public PlatformFakeSet Fakes { get; } = new();

    public CapturedLogs Logs { get; } = new();

    /// <summary>Settings a derived fixture adds.</summary>
    protected virtual IReadOnlyDictionary<string, string> Extra { get; } = new Dictionary<string, string>();

    /// <summary>The database the host runs on, or null when it is not available (PostgreSQL not configured).</summary>
    protected abstract Task<HostSettings?> DatabaseAsync();

    protected override async Task<HostSettings?> CreateSettingsAsync()
    {
        if (await DatabaseAsync() is not { } settings)
        {
            return null;
        }
        await Fakes.StartAsync();
        var overrides = Fakes.Settings();
        overrides["Campaigns:PublicBaseUrl"] = PublicBaseUrl;
        // What an operator runs at, and our own code at its most talkative: neither may ever write a token.
        overrides["Logging:LogLevel:Default"] = "Information";
        overrides["Logging:LogLevel:Campaigns"] = "Debug";
        foreach (var (key, value) in Extra)
        {
            overrides[key] = value;
        }
        return settings with
        {
            Overrides = overrides,
            Services = services =>
            {
                services.AddSingleton<ILoggerProvider>(Logs);
            },
        };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Fakes.DisposeAsync();
    }
}

/// <summary>The platform host on a SQLite file of its own.</summary>
public class SqlitePlatformHostFixture : PlatformHostFixture
{
    public const string Collection = "platform-host-sqlite";

    private readonly TempSqliteDatabase _database = new();

    protected override Task<HostSettings?> DatabaseAsync() => Task.FromResult<HostSettings?>(HostSettings.Sqlite(_database.Directory));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }
}

/// <summary>The platform host on a fresh PostgreSQL database (nothing when PostgreSQL is not configured).</summary>
public sealed class PostgresPlatformHostFixture : PlatformHostFixture
{
    public const string Collection = "platform-host-postgres";

    private readonly PostgresDatabase _database = new();

    protected override async Task<HostSettings?> DatabaseAsync()
    {
        await _database.InitializeAsync();
        return PostgresTestEnvironment.ServerConnectionString is null ? null : HostSettings.Postgres(_database.ConnectionString);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}

[CollectionDefinition(SqlitePlatformHostFixture.Collection)]
public sealed class SqlitePlatformHostCollection : ICollectionFixture<SqlitePlatformHostFixture>;

[CollectionDefinition(PostgresPlatformHostFixture.Collection)]
public sealed class PostgresPlatformHostCollection : ICollectionFixture<PostgresPlatformHostFixture>;
