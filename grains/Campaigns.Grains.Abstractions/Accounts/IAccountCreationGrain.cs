using Campaigns.Grains.Abstractions.Common;

namespace Campaigns.Grains.Abstractions.Accounts;

/// <summary>
/// Where accounts are created, keyed by agency id. A stateless worker on the calling silo: a creation writes the new
/// account's state, read-model row and handle claim in one transaction and wakes no grain of the account, which
/// activates on its first use and reads what the creation wrote.
/// </summary>
public interface IAccountCreationGrain : IGrainWithStringKey
{
    /// <summary>Creates account <paramref name="accountId"/> (a freshly minted id); its handle must be free on its platform within the agency.</summary>
    Task<Outcome<AccountSnapshot>> Create(string accountId, AccountDraft draft);
}
