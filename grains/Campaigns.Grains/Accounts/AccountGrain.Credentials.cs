using Campaigns.Connectors.Platforms;
using Campaigns.Domain.Accounts;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Common;
using Microsoft.Extensions.Logging;

namespace Campaigns.Grains.Accounts;

/// <summary>
/// The account's platform credential: connecting it from an OAuth callback, handing out and renewing its access token,
/// keeping an idle one alive for the renewal sweep (<see cref="CredentialKeeper"/> decides; this part holds the encrypted
/// tokens in the grain's state and writes them), and the polls made with it (<see cref="AccountPoller"/>).
/// </summary>
public sealed partial class AccountGrain : ICredentialHolder, IAccountPolling
{
    /// <summary>The decrypted tokens, once read from state.</summary>
    private (TokenSet? Tokens, bool Read) _tokens;

    private CredentialKeeper? _keeper;

    private CredentialKeeper Keeper => _keeper ??= new CredentialKeeper(this, AccountId, platforms, clock, logger);

    public async Task<Outcome<AccountCredential>> Connect(CredentialGrant grant)
    {
        if (state.State.Account is null)
        {
            return Outcome<AccountCredential>.Fail(ErrorKind.NotFound, $"Account {AccountId} was not found.");
        }
        var connected = await Keeper.ConnectAsync(grant, CancellationToken.None);
        if (connected.Value is { } && state.State.Account is { } account)
        {
            await publisher.ReleaseAwaitingAsync(Publishing(account));
        }
        return connected;
    }

    public Task<CredentialResult> GetCredential() => Keeper.GetAsync(CancellationToken.None);

    public Task<CredentialResult> RefreshCredential(AccessCredential stale) =>
        Keeper.RefreshAsync((stale ?? throw new ArgumentNullException(nameof(stale))).AccessToken, CancellationToken.None);

    /// <summary>Renews an idle account's credential before it lapses (see <see cref="CredentialKeeper.KeepAliveAsync"/>).</summary>
    public Task<bool> KeepCredentialAlive() =>
        state.State.Account is { } account && platforms.TryGet(account.Connector.Type, out _)
            ? Keeper.KeepAliveAsync(platforms.Settings(account.Connector.Type).RenewIdleWithin, CancellationToken.None)
            : Task.FromResult(false);

    public Task<MetricsPoll> PollMetrics(IReadOnlyList<string> postIds) => poller.PollMetricsAsync(state.State.Account, Keeper, postIds);

    /// <summary>The polled count becomes the account's, decided under the write lock (this call interleaves) unless a newer one is recorded.</summary>
    public Task<FollowersPoll> PollFollowers() =>
        poller.PollFollowersAsync(AgencyId, AccountId, state.State.Account, Keeper, (at, count) =>
            ChangeAsync(account => account.FollowersAt is { } latest && latest >= at
                ? Outcome<AccountSnapshot>.Fail(ErrorKind.Conflict, "A newer follower count is already recorded.")
                : Outcome<AccountSnapshot>.Ok(account with { Followers = count, FollowersAt = at })));

    ConnectorType? ICredentialHolder.ConnectorType => state.State.Account?.Connector.Type;

    AccountCredential? ICredentialHolder.Credential => state.State.Account?.Credential;

    TokenSet? ICredentialHolder.Tokens
    {
        get
        {
            if (!_tokens.Read)
            {
                _tokens = (StoredTokens.Reveal(secrets, AgencyId, AccountId, state.State.Tokens), true);
            }
            return _tokens.Tokens;
        }
    }

    SemaphoreSlim ICredentialHolder.Writes => _writes;

    async Task ICredentialHolder.SaveCredentialAsync(TokenSet? tokens, AccountCredential credential)
    {
        var current = state.State.Account ?? throw new InvalidOperationException($"Account {AccountId} does not exist.");
        var changed = current with { Credential = credential, UpdatedAt = clock.GetUtcNow(), Version = current.Version + 1 };
        var (previousTokens, previousUnprojected) = (state.State.Tokens, state.State.Unprojected);
        state.State.Account = changed;
        state.State.Tokens = tokens is null ? null : StoredTokens.Protect(secrets, AgencyId, AccountId, tokens);
        state.State.Unprojected = true;
        try
        {
            await WriteStateAsync();
        }
        catch (StorageUnavailableException)
        {
            (state.State.Account, state.State.Tokens, state.State.Unprojected) = (current, previousTokens, previousUnprojected);
            throw;
        }
        _tokens = (tokens, true);
        // The credential is durable in state; a list row that could not be written catches up by itself.
        await ProjectStateAsync();
    }
}
