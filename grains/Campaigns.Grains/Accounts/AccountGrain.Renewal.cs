namespace Campaigns.Grains.Accounts;

/// <summary>Keeping an idle account's credential alive, for the renewal sweep (see <see cref="CredentialKeeper.KeepAliveAsync"/>).</summary>
public sealed partial class AccountGrain
{
    public Task<bool> KeepCredentialAlive() =>
        state.State.Account is { } account && platforms.TryGet(account.Connector.Type, out _)
            ? Keeper.KeepAliveAsync(platforms.Settings(account.Connector.Type).RenewIdleWithin, CancellationToken.None)
            : Task.FromResult(false);
}
