using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Campaigns.Storage.Vault;
using Campaigns.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Storage.Tests;

/// <summary>
/// The vault: secrets encrypted with a Data Protection key ring kept in the database, so that a second silo (a second
/// service provider on the same database) decrypts what the first encrypted, and the tables never hold plaintext.
/// </summary>
internal static class VaultScenarios
{
    private const string Secret = "tok_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0";

    public static async Task A_secret_protected_on_one_silo_is_read_on_another_and_never_stored_in_plaintext(StorageSettings settings)
    {
        DatabaseMigrator.Migrate(settings);
        using var first = Silo(settings, new VaultOptions());
        using var second = Silo(settings, new VaultOptions());

        var stored = first.GetRequiredService<SecretVault>().Protect(Secret, "agy_1/acc_1")!;

        Assert.True(SecretVault.IsProtected(stored));
        Assert.DoesNotContain(Secret, stored);
        Assert.Equal(Secret, second.GetRequiredService<SecretVault>().Unprotect(stored, "agy_1/acc_1"));
        // One ring for both: the second silo found the first one's key instead of making its own. Without an operator
        // certificate the key itself is stored readable, which is what Campaigns:Vault:CertificatePath is for.
        var xml = Assert.Single(await Db.StringsAsync(settings, "SELECT xml FROM vault_keys"));
        Assert.Contains("<value>", xml);
    }

    public static void A_secret_protected_for_one_owner_does_not_open_for_another(StorageSettings settings)
    {
        DatabaseMigrator.Migrate(settings);
        using var silo = Silo(settings, new VaultOptions());
        var vault = silo.GetRequiredService<SecretVault>();

        var stored = vault.Protect(Secret, "agy_1/acc_1");

        Assert.ThrowsAny<CryptographicException>(() => vault.Unprotect(stored, "agy_1/acc_2"));
    }

    public static void A_value_written_before_the_vault_reads_as_it_was(StorageSettings settings)
    {
        DatabaseMigrator.Migrate(settings);
        using var silo = Silo(settings, new VaultOptions());

        Assert.Equal("legacy-secret", silo.GetRequiredService<SecretVault>().Unprotect("legacy-secret", "agy_1/acc_1"));
        Assert.Null(silo.GetRequiredService<SecretVault>().Unprotect(null, "agy_1/acc_1"));
    }

    public static async Task With_an_operator_certificate_the_stored_keys_are_wrapped(StorageSettings settings, string directory)
    {
        DatabaseMigrator.Migrate(settings);
        var options = new VaultOptions { CertificatePath = WriteCertificate(directory, "pfx-password"), CertificatePassword = "pfx-password" };
        using var silo = Silo(settings, options);
        var stored = silo.GetRequiredService<SecretVault>().Protect(Secret, "agy_1/acc_1");

        var xml = Assert.Single(await Db.StringsAsync(settings, "SELECT xml FROM vault_keys"));
        // Unwrapped, the key's secret is a <value> element anyone with the table can read (see the first scenario).
        Assert.Contains("encryptedSecret", xml);
        Assert.DoesNotContain("<value>", xml);
        using var other = Silo(settings, options);
        Assert.Equal(Secret, other.GetRequiredService<SecretVault>().Unprotect(stored, "agy_1/acc_1"));
    }

    private static ServiceProvider Silo(StorageSettings settings, VaultOptions options)
    {
        var services = new ServiceCollection();
        services.AddSingleton(new DbConnectionFactory(settings));
        services.AddLogging();
        services.AddVault(options);
        return services.BuildServiceProvider();
    }

    private static string WriteCertificate(string directory, string password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=campaigns-vault-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = Path.Combine(directory, "vault.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }
}

public sealed class SqliteVaultTests : IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    private StorageSettings Settings => new(StorageProvider.Sqlite, _database.ConnectionString);

    public void Dispose() => _database.Dispose();

    [Fact]
    public Task A_secret_protected_on_one_silo_is_read_on_another_and_never_stored_in_plaintext() =>
        VaultScenarios.A_secret_protected_on_one_silo_is_read_on_another_and_never_stored_in_plaintext(Settings);

    [Fact]
    public void A_secret_protected_for_one_owner_does_not_open_for_another() =>
        VaultScenarios.A_secret_protected_for_one_owner_does_not_open_for_another(Settings);

    [Fact]
    public void A_value_written_before_the_vault_reads_as_it_was() =>
        VaultScenarios.A_value_written_before_the_vault_reads_as_it_was(Settings);

    [Fact]
    public Task With_an_operator_certificate_the_stored_keys_are_wrapped() =>
        VaultScenarios.With_an_operator_certificate_the_stored_keys_are_wrapped(Settings, _database.Directory);
}

public sealed class PostgresVaultTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    private StorageSettings Settings => new(StorageProvider.PostgreSql, _database.ConnectionString);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [PostgresFact]
    public Task A_secret_protected_on_one_silo_is_read_on_another_and_never_stored_in_plaintext() =>
        VaultScenarios.A_secret_protected_on_one_silo_is_read_on_another_and_never_stored_in_plaintext(Settings);

    [PostgresFact]
    public void A_secret_protected_for_one_owner_does_not_open_for_another() =>
        VaultScenarios.A_secret_protected_for_one_owner_does_not_open_for_another(Settings);
}
