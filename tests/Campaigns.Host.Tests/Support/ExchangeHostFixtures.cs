using Campaigns.Testing;

namespace Campaigns.Host.Tests.Support;

/// <summary>The settings exchange scenarios run with: a small credit limit, so a few exchanges reach it.</summary>
public static class ExchangeHost
{
    public const long CreditLimit = 250;

    public static IReadOnlyDictionary<string, string> Overrides { get; } = new Dictionary<string, string>
    {
        ["Campaigns:Exchanges:CreditLimit"] = CreditLimit.ToString(),
    };
}

/// <summary>A host on a fresh SQLite file with <see cref="ExchangeHost.Overrides"/>.</summary>
public sealed class ExchangeSqliteHostFixture : HostFixture
{
    private readonly TempSqliteDatabase _database = new();

    protected override Task<HostSettings?> CreateSettingsAsync() =>
        Task.FromResult<HostSettings?>(HostSettings.Sqlite(_database.Directory) with { Overrides = ExchangeHost.Overrides });

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }
}

/// <summary>A host on a fresh PostgreSQL database with <see cref="ExchangeHost.Overrides"/> (nothing when PostgreSQL is not configured).</summary>
public sealed class ExchangePostgresHostFixture : HostFixture
{
    private readonly PostgresDatabase _database = new();

    protected override async Task<HostSettings?> CreateSettingsAsync()
    {
        await _database.InitializeAsync();
        return PostgresTestEnvironment.ServerConnectionString is null
            ? null
            : HostSettings.Postgres(_database.ConnectionString) with { Overrides = ExchangeHost.Overrides };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}
