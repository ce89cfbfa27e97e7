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
public sealed class ExchangeSqliteHostFixture : SqliteHostFixture
{
    protected override IReadOnlyDictionary<string, string> Overrides => ExchangeHost.Overrides;
}

/// <summary>A host on a fresh PostgreSQL database with <see cref="ExchangeHost.Overrides"/> (nothing when PostgreSQL is not configured).</summary>
public sealed class ExchangePostgresHostFixture : PostgresHostFixture
{
    protected override IReadOnlyDictionary<string, string> Overrides => ExchangeHost.Overrides;
}
