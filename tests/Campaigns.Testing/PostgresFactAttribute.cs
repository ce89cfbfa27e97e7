namespace Campaigns.Testing;

/// <summary>
/// A fact that needs PostgreSQL: skipped when <c>CAMPAIGNS_TEST_POSTGRES</c> is unset, unless
/// <c>CAMPAIGNS_REQUIRE_POSTGRES=1</c>, in which case it runs and fails, so CI cannot pass by skipping.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresTestEnvironment.ShouldSkip)
        {
            Skip = $"PostgreSQL not configured: set {PostgresTestEnvironment.ConnectionStringVariable}.";
        }
    }
}
