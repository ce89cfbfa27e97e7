namespace Campaigns.Domain.Accounts;

/// <summary>Whether an account on a real platform's connector holds tokens it can publish with.</summary>
public enum CredentialStatus
{
    /// <summary>No tokens yet: the account was created (or its connector changed) and nobody has connected it.</summary>
    NotConnected,

    /// <summary>Tokens are held and were last accepted by the platform.</summary>
    Connected,

    /// <summary>The platform refused to refresh the tokens (revoked, expired, invalid grant): connect again.</summary>
    NeedsReauth,
}
