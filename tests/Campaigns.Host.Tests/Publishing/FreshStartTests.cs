using Campaigns.Host.Tests.Support;

namespace Campaigns.Host.Tests.Publishing;

/// <summary>A host started on a database that has no tables yet logs no error on its way up.</summary>
[Collection(SqlitePlatformHostFixture.Collection)]
public sealed class FreshStartTests(SqlitePlatformHostFixture host)
{
    [Fact]
    public void Starting_on_an_empty_database_logs_no_error_from_the_vault_or_anything_else()
    {
        // Guarded by registering DatabaseMigrationService before AddVault in HostingExtensions: Data Protection's own
        // hosted service loads the key ring at start, and before the schema exists that read fails with
        // "no such table: vault_keys".
        Assert.True(host.Logs.Count > 0, "no log lines were captured");
        var errors = host.Logs.Text.Split('\n').Where(line => line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(errors, line => line.Contains("vault_keys", StringComparison.Ordinal) || line.Contains("DataProtection", StringComparison.Ordinal));
    }
}
