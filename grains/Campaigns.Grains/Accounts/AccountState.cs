using Campaigns.Domain.Accounts;

using Campaigns.Grains.Abstractions.Accounts;

namespace Campaigns.Grains.Accounts;

/// <summary>The persisted state of an account grain.</summary>
[GenerateSerializer]
public sealed class AccountState
{
    /// <summary>The account's fields as last written; null until the account is created.</summary>
    [Id(0)] public AccountSnapshot? Account { get; set; }

    /// <summary>The webhook secret, kept out of the snapshot so it never reaches a client.</summary>
    [Id(1)] public string? ConnectorSecret { get; set; }

    /// <summary>Whether the account can publish.</summary>
    public bool IsActive => Account?.Status == AccountStatus.Active;
}
