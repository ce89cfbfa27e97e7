namespace Campaigns.Storage.Vault;

/// <summary>
/// The vault as an account's secrets use it: webhook secrets, platform tokens and PKCE verifiers are all bound to the
/// owner <c>{agencyId}/{accountId}</c>, so a value copied onto another account's row does not decrypt.
/// </summary>
public sealed class AccountSecrets(SecretVault vault)
{
    /// <summary>The owner string an account's secrets are bound to.</summary>
    public static string Owner(string agencyId, string accountId) => $"{agencyId}/{accountId}";

    /// <summary>The stored form of a secret of the account; null stays null.</summary>
    public string? Protect(string agencyId, string accountId, string? plaintext) => vault.Protect(plaintext, Owner(agencyId, accountId));

    /// <summary>The plaintext of a stored secret of the account (legacy plaintext passes through).</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The value belongs to another account or its key is gone.</exception>
    public string? Reveal(string agencyId, string accountId, string? stored) => vault.Unprotect(stored, Owner(agencyId, accountId));
}
