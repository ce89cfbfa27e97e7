using Campaigns.Domain.Accounts;
using Campaigns.Grains.Abstractions.Accounts;

namespace Campaigns.Grains.Accounts;

/// <summary>The persisted state of an account grain.</summary>
[GenerateSerializer]
public sealed class AccountState
{
    /// <summary>The account's fields as last written; null until the account is created.</summary>
    [Id(0)] public AccountSnapshot? Account { get; set; }

    /// <summary>
    /// The webhook secret as stored: protected by the vault for <c>{agencyId}/{accountId}</c> (plaintext in state written
    /// before the vault, protected with the next write). Kept out of the snapshot so it never reaches a client.
    /// </summary>
    [Id(1)] public string? ConnectorSecret { get; set; }

    /// <summary>The platform tokens (a <see cref="StoredTokens"/> document), protected by the vault like the secret; null when not connected.</summary>
    [Id(2)] public string? Tokens { get; set; }

    /// <summary>
    /// Written true with every change after creation: the accounts read model may not show this state yet. The grain
    /// brings the row up to date right after the write and, should that fail, on a timer and at its next activation.
    /// </summary>
    [Id(3)] public bool Unprojected { get; set; }

    /// <summary>Whether the account can publish.</summary>
    public bool IsActive => Account?.Status == AccountStatus.Active;
}
