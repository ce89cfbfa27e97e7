using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Common;
using Orleans.Concurrency;

namespace Campaigns.Grains.Accounts;

/// <summary>
/// Creates accounts without activating them (<see cref="IAccountCreationGrain"/>): each creation opens a record of its
/// own for the new key, with nothing to read, and writes it through the same code an account grain uses.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class AccountCreationGrain(AccountRecords records) : Grain, IAccountCreationGrain
{
    public Task<Outcome<AccountSnapshot>> Create(string accountId, AccountDraft draft) =>
        records.Open(this, GrainKeys.For(this.GetPrimaryKeyString(), accountId)).CreateAsync(draft);
}
