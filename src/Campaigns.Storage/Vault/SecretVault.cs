using Microsoft.AspNetCore.DataProtection;

namespace Campaigns.Storage.Vault;

/// <summary>
/// Encrypts secrets at rest — platform access and refresh tokens, webhook signing secrets — with ASP.NET Core Data
/// Protection, whose key ring lives in the database (<see cref="VaultKeyRepository"/>). A protected value is bound to
/// its owner (for example <c>{agencyId}/{accountId}</c>): copied onto another owner's row it does not decrypt.
/// Plaintext is only ever held in memory by the value's owner.
/// </summary>
public sealed class SecretVault(IDataProtectionProvider provider)
{
    /// <summary>Marks a stored value as protected by this vault (version 1).</summary>
    public const string Prefix = "vault1:";

    private const string Purpose = "Campaigns.Vault.Secrets.v1";

    /// <summary>The stored form of <paramref name="plaintext"/> for <paramref name="owner"/>; null stays null.</summary>
    public string? Protect(string? plaintext, string owner) =>
        plaintext is null ? null : Prefix + Protector(owner).Protect(plaintext);

    /// <summary>
    /// The plaintext of a stored value. A value without the prefix was written before the vault existed and is its
    /// own plaintext; its owner protects it with its next write.
    /// </summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The value was protected for another owner, or with a key the ring no longer has.</exception>
    public string? Unprotect(string? stored, string owner) =>
        stored is null ? null
        : IsProtected(stored) ? Protector(owner).Unprotect(stored[Prefix.Length..])
        : stored;

    /// <summary>Whether a stored value is protected (rather than legacy plaintext).</summary>
    public static bool IsProtected(string? stored) => stored is not null && stored.StartsWith(Prefix, StringComparison.Ordinal);

    private IDataProtector Protector(string owner) => provider.CreateProtector(Purpose, owner);
}
