using Campaigns.Connectors.Platforms;
using Campaigns.Domain.Accounts;
using Campaigns.Grains.Abstractions.Accounts;

namespace Campaigns.Grains.Accounts;

/// <summary>What a <see cref="CredentialKeeper"/> needs from the account grain it works for.</summary>
internal interface ICredentialHolder
{
    /// <summary>The account's connector type; null while the account does not exist.</summary>
    ConnectorType? ConnectorType { get; }

    /// <summary>What clients see of the credential; null for the sandbox and webhook connectors.</summary>
    AccountCredential? Credential { get; }

    /// <summary>The tokens, decrypted in memory; null when none are stored.</summary>
    TokenSet? Tokens { get; }

    /// <summary>Taken around every change of the grain's state, so interleaved calls never write over each other.</summary>
    SemaphoreSlim Writes { get; }

    /// <summary>
    /// Writes the tokens (encrypted; null removes them) and the credential durably. Called with <see cref="Writes"/>
    /// held. Throws <see cref="Abstractions.Common.StorageUnavailableException"/> when storage fails, and then changes nothing.
    /// </summary>
    Task SaveCredentialAsync(TokenSet? tokens, AccountCredential credential);
}
