using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Campaigns.Storage.Vault;

/// <summary>Registers Data Protection with its key ring in the database, the <see cref="SecretVault"/> and <see cref="AccountSecrets"/>.</summary>
public static class VaultServices
{
    /// <summary>Data Protection's application name: the same on every silo, so they share one ring.</summary>
    public const string ApplicationName = "campaigns";

    public static IServiceCollection AddVault(this IServiceCollection services, VaultOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<DbConnectionFactory, TimeProvider>(
            (o, connections, clock) => o.XmlRepository = new VaultKeyRepository(connections, clock));
        if (options.CertificatePath is { Length: > 0 } path)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
            if (!certificate.HasPrivateKey)
            {
                throw new InvalidOperationException($"Campaigns:Vault:CertificatePath {path} has no private key; the vault could not unwrap its keys.");
            }
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        services.TryAddSingleton<SecretVault>();
        services.TryAddSingleton<AccountSecrets>();
        return services;
    }
}
