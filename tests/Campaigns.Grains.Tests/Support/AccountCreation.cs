using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;

namespace Campaigns.Grains.Tests.Support;

/// <summary>Account creation as the API does it: through the agency's creation worker, never the account's own grain.</summary>
public static class AccountCreation
{
    public static Task<Outcome<AccountSnapshot>> CreateAccount(this IGrainFactory grains, string agencyId, string accountId, AccountDraft draft) =>
        grains.GetGrain<IAccountCreationGrain>(agencyId).Create(accountId, draft);
}
