using Campaigns.Testing;

namespace Campaigns.Host.Tests.Support;

/// <summary>One running host per test class, on a database of its own.</summary>
public abstract class HostFixture : IAsyncLifetime
{
    private CampaignsApp? _app;

    public CampaignsApp App => _app ?? throw new InvalidOperationException("The host was not started (PostgreSQL not configured?).");

    protected abstract Task<HostSettings?> CreateSettingsAsync();

    public async Task InitializeAsync()
    {
        if (await CreateSettingsAsync() is not { } settings)
        {
            return;
        }
        _app = new CampaignsApp(settings);
        // Boot now, so the first test does not pay for it inside its own assertions.
        if (settings.Kestrel)
        {
            _app.StartServer();
        }
        else
        {
            _ = _app.Server;
        }
    }

    public virtual async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>A host on a SQLite file in a fresh temporary directory, with a derived fixture's <see cref="Overrides"/>.</summary>
public class SqliteHostFixture : HostFixture
{
    private readonly TempSqliteDatabase _database = new();

    /// <summary>Settings by configuration key that this fixture's host runs with; none by default.</summary>
    protected virtual IReadOnlyDictionary<string, string> Overrides { get; } = new Dictionary<string, string>();

    /// <summary>True to serve on a real Kestrel port (see <see cref="HostSettings.Kestrel"/>).</summary>
    protected virtual bool Kestrel => false;

    protected override Task<HostSettings?> CreateSettingsAsync() =>
        Task.FromResult<HostSettings?>(HostSettings.Sqlite(_database.Directory) with { Overrides = Overrides, Kestrel = Kestrel });

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }
}

/// <summary>
/// A host on a fresh PostgreSQL database, with a derived fixture's <see cref="Overrides"/> (nothing when PostgreSQL is
/// not configured and not required).
/// </summary>
public class PostgresHostFixture : HostFixture
{
    private readonly PostgresDatabase _database = new();

    /// <summary>Settings by configuration key that this fixture's host runs with; none by default.</summary>
    protected virtual IReadOnlyDictionary<string, string> Overrides { get; } = new Dictionary<string, string>();

    protected override async Task<HostSettings?> CreateSettingsAsync()
    {
        await _database.InitializeAsync();
        return PostgresTestEnvironment.ServerConnectionString is null
            ? null
            : HostSettings.Postgres(_database.ConnectionString) with { Overrides = Overrides };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}
