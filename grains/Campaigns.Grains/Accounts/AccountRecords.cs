using Campaigns.Storage.Accounts;
using Campaigns.Storage.Vault;
using Microsoft.Extensions.Logging;

namespace Campaigns.Grains.Accounts;

/// <summary>
/// Where accounts are kept, for the <see cref="AccountRecord"/> each account grain activation opens: the grain's own
/// state table, the accounts read model with its handle index, the follower history, and the vault that encrypts what
/// both hold of the account's secrets. Its log lines keep the account grain's category.
/// </summary>
public sealed class AccountRecords(
    AccountStateStore states, AccountStore readModel, FollowerStore followers, AccountSecrets secrets, IGrainFactory grains,
    TimeProvider clock, ILogger<AccountGrain> logger)
{
    internal AccountStateStore States => states;

    internal AccountStore ReadModel => readModel;

    internal FollowerStore Followers => followers;

    internal AccountSecrets Secrets => secrets;

    internal IGrainFactory Grains => grains;

    internal TimeProvider Clock => clock;

    internal ILogger Logger => logger;

    /// <summary>The record of the account grain <paramref name="grain"/>, keyed <paramref name="key"/>; nothing is read until it loads.</summary>
    internal AccountRecord Open(IGrainBase grain, string key) => new(this, grain, key);
}
