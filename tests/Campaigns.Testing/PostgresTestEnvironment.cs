namespace Campaigns.Testing;

/// <summary>Reads the environment variables that point tests at a PostgreSQL server.</summary>
public static class PostgresTestEnvironment
{
    /// <summary>Npgsql connection string to a server where the user may CREATE DATABASE.</summary>
    public const string ConnectionStringVariable = "CAMPAIGNS_TEST_POSTGRES";

    /// <summary>When "1", a missing server fails PostgreSQL tests instead of skipping them (set in CI).</summary>
    public const string RequireVariable = "CAMPAIGNS_REQUIRE_POSTGRES";

    /// <summary>The server connection string, or null when not configured.</summary>
    public static string? ServerConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } value ? value : null;

    /// <summary>True when PostgreSQL tests must run (and so fail without a server).</summary>
    public static bool IsRequired => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>True when PostgreSQL tests should be skipped.</summary>
    public static bool ShouldSkip => ServerConnectionString is null && !IsRequired;
}
