namespace Campaigns.Storage.Connect;

/// <summary>
/// One connect attempt as stored: the hash of its state, what the state is bound to, and the vault-protected PKCE
/// verifier (null where the platform takes none). Instants are Unix milliseconds.
/// </summary>
public sealed record OAuthAttempt(
    string StateHash,
    string AgencyId,
    string AccountId,
    string ConnectorType,
    string? CodeVerifier,
    long CreatedAt,
    long ExpiresAt);

/// <summary>What burning a state yields: the account it was issued for and its protected PKCE verifier.</summary>
public sealed record BurnedState(string AgencyId, string AccountId, string? CodeVerifier);
