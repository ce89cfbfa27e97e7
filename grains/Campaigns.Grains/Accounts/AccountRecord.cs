using Campaigns.Connectors.Platforms;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Common;
using Campaigns.Storage.Accounts;
using Campaigns.Storage.Vault;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Campaigns.Grains.Accounts;

/// <summary>
/// One account as it is kept, for its grain: the state (<see cref="PersistedAccountState"/>), written first and under one
/// lock, then mirrored into the accounts read model (<see cref="AccountProjection"/>); the handle claim that creation
/// makes in the same transaction as the state; the follower history; and the secrets, encrypted by the vault in state
/// and row and decrypted only in memory. It is the <see cref="ICredentialHolder"/> of the account's credential keeper.
/// What is decided about the account stays with the grain; a write whose storage fails changes nothing in memory.
/// One per activation, or one per creation (<see cref="AccountCreationGrain"/>).
/// </summary>
internal sealed class AccountRecord : ICredentialHolder
{
    private readonly AccountRecords _stores;
    private readonly PersistedAccountState _state;
    private readonly AccountProjection _projection;

    /// <summary>Serialises state changes: the credential calls interleave with everything else.</summary>
    private readonly SemaphoreSlim _writes = new(1, 1);

    /// <summary>The decrypted tokens, once read from state.</summary>
    private (TokenSet? Tokens, bool Read) _tokens;

    public AccountRecord(AccountRecords stores, IGrainBase grain, string key)
    {
        _stores = stores;
        (AgencyId, AccountId) = GrainKeys.Split(key);
        _state = new PersistedAccountState(stores.States, stores.ReadModel);
        _projection = new AccountProjection(grain, _state, stores.ReadModel, stores.Logger, AgencyId, AccountId);
    }

    public string AgencyId { get; }

    public string AccountId { get; }

    /// <summary>The account as last written; null until it is created (or while it does not exist).</summary>
    public AccountSnapshot? Account => _state.State.Account;

    /// <summary>The webhook secret in plaintext, for the connector's signature only.</summary>
    public string? WebhookSecret => _stores.Secrets.Reveal(AgencyId, AccountId, _state.State.ConnectorSecret);

    /// <summary>Loads the state, or adopts an imported row; call <see cref="Loaded"/> after.</summary>
    public Task LoadAsync(Func<IGrainStorage> legacyStorage, GrainId grainId, CancellationToken cancellationToken) =>
        _state.LoadAsync(AgencyId, AccountId, legacyStorage, grainId, cancellationToken);

    /// <summary>Its last write may not have reached the read model (the process died, or storage refused it): checked now.</summary>
    public void Loaded() => _projection.RepairIfUnprojected();

    /// <summary>
    /// Creates the account from <paramref name="draft"/> on a record opened for a freshly minted id, which has nothing
    /// stored, so nothing is read (<see cref="AccountCreationGrain"/>). The state is written by the transaction that
    /// claims the handle (with the read-model row, its tags and the first point of the follower history), so all are
    /// durable together or not at all, and a failed creation leaves no claim behind. A handle someone else holds is a conflict, and so is
    /// an id already in use. The record is not used again.
    /// </summary>
    public async Task<Outcome<AccountSnapshot>> CreateAsync(AccountDraft draft)
    {
        var account = AccountRows.New(AgencyId, AccountId, draft, _stores.Clock.GetUtcNow());
        var secret = _stores.Secrets.Protect(AgencyId, AccountId, draft.Connector.Secret);

        // The row carries the (protected) secret so a platform callback can be verified without waking the grain.
        var row = AccountRows.From(account) with { ConnectorSecret = secret };
        _state.BeginNew(AgencyId, AccountId);
        (_state.State.Account, _state.State.ConnectorSecret) = (account, secret);
        switch (await StorageCalls.Guard(() => ClaimHandleAsync(row, account.FollowersAt?.ToUnixTimeMilliseconds())))
        {
            case Claim.Made:
                AccountLog.Created(_stores.Logger, AccountId, account.Platform, account.Handle);
                return Outcome<AccountSnapshot>.Ok(account);
            case Claim.IdInUse:
                return Outcome<AccountSnapshot>.Fail(ErrorKind.Conflict, $"Account {AccountId} already exists.");
            default:
                return Outcome<AccountSnapshot>.Fail(
                    ErrorKind.Conflict, $"Handle '{account.Handle}' is already used on {WireName<Platform>.Of(account.Platform)}.", "handle");
        }
    }

    /// <summary>
    /// Read, decide, write state, then project: the shared shape of every change after creation. A new connector's
    /// secret is stored encrypted; a connector of another type drops the tokens, and <paramref name="connectorReplaced"/>
    /// runs under the lock so nothing saves the old connector's tokens afterwards.
    /// </summary>
    public async Task<Outcome<AccountSnapshot>> ChangeAsync(
        Func<AccountSnapshot, Outcome<AccountSnapshot>> decide, AccountConnector? newConnector = null, Action? connectorReplaced = null)
    {
        AccountSnapshot changed;
        await _writes.WaitAsync();
        try
        {
            if (_state.State.Account is not { } current)
            {
                return Outcome<AccountSnapshot>.Fail(ErrorKind.NotFound, $"Account {AccountId} was not found.");
            }
            var decision = decide(current);
            if (decision.Value is null)
            {
                return decision;
            }
            changed = decision.Value with { UpdatedAt = _stores.Clock.GetUtcNow(), Version = current.Version + 1 };
            var connectorChanged = newConnector is not null && newConnector.Type != current.Connector.Type;
            var secret = newConnector is null ? _state.State.ConnectorSecret : _stores.Secrets.Protect(AgencyId, AccountId, newConnector.Secret);
            await WriteAsync(changed, secret, connectorChanged ? null : _state.State.Tokens);
            if (connectorChanged)
            {
                _tokens = (null, true);
                connectorReplaced?.Invoke();
            }
        }
        finally
        {
            _writes.Release();
        }

        // The state is durable, so the command has happened and is answered so; a read-model row that could not be
        // written now catches up from the state.
        await _projection.ProjectAsync();
        return Outcome<AccountSnapshot>.Ok(changed);
    }

    /// <summary>
    /// The instant of a follower count sent without one: now, to the millisecond, or the millisecond after the account's
    /// newest point when that is not earlier (one recorded in the same millisecond, such as the count the account was
    /// created with, or one stamped ahead by a fast clock). So a count sent without an instant is always the newest, and
    /// never collides with a point already recorded.
    /// </summary>
    public DateTimeOffset FollowerInstantNow()
    {
        var now = _stores.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        return DateTimeOffset.FromUnixTimeMilliseconds(
            Account?.FollowersAt?.ToUnixTimeMilliseconds() is { } newest && newest >= now ? newest + 1 : now);
    }

    /// <summary>Stores a point of the follower history; the count already stored at that instant, or null when it is new.</summary>
    public Task<long?> RecordFollowerPointAsync(DateTimeOffset at, long count) =>
        StorageCalls.Guard(() => _stores.Followers.TryRecordAsync(AgencyId, AccountId, at.ToUnixTimeMilliseconds(), count));

    ConnectorType? ICredentialHolder.ConnectorType => _state.State.Account?.Connector.Type;

    AccountCredential? ICredentialHolder.Credential => _state.State.Account?.Credential;

    TokenSet? ICredentialHolder.Tokens
    {
        get
        {
            if (!_tokens.Read)
            {
                _tokens = (StoredTokens.Reveal(_stores.Secrets, AgencyId, AccountId, _state.State.Tokens), true);
            }
            return _tokens.Tokens;
        }
    }

    SemaphoreSlim ICredentialHolder.Writes => _writes;

    async Task ICredentialHolder.SaveCredentialAsync(TokenSet? tokens, AccountCredential credential)
    {
        var current = _state.State.Account ?? throw new InvalidOperationException($"Account {AccountId} does not exist.");
        var changed = current with { Credential = credential, UpdatedAt = _stores.Clock.GetUtcNow(), Version = current.Version + 1 };
        await WriteAsync(changed, _state.State.ConnectorSecret, tokens is null ? null : StoredTokens.Protect(_stores.Secrets, AgencyId, AccountId, tokens));
        _tokens = (tokens, true);
        // The credential is durable in state; a list row that could not be written catches up by itself.
        await _projection.ProjectAsync();
    }

    /// <summary>
    /// Writes the state as given, marked unprojected; when storage refuses, memory goes back to what it was and the
    /// fault is thrown. A webhook secret still held as plaintext from before the vault is protected on the way.
    /// </summary>
    private async Task WriteAsync(AccountSnapshot account, string? connectorSecret, string? tokens)
    {
        var state = _state.State;
        var before = (state.Account, state.ConnectorSecret, state.Tokens, state.Unprojected);
        if (connectorSecret is { } plain && !SecretVault.IsProtected(plain))
        {
            connectorSecret = _stores.Secrets.Protect(AgencyId, AccountId, plain);
        }
        (state.Account, state.ConnectorSecret, state.Tokens, state.Unprojected) = (account, connectorSecret, tokens, true);
        try
        {
            await StorageCalls.Guard(_state.WriteStateAsync);
        }
        catch (StorageUnavailableException)
        {
            (state.Account, state.ConnectorSecret, state.Tokens, state.Unprojected) = before;
            throw;
        }
    }

    private enum Claim { Made, HandleTaken, IdInUse }

    private async Task<Claim> ClaimHandleAsync(AccountRow row, long? followersAt)
    {
        if (await _state.TryCreateAsync(row, followersAt))
        {
            return Claim.Made;
        }

        // Refused: the handle is taken, or (never for an id minted a moment ago) the id is. This record read nothing, so
        // when the row in the way may be the id's own, its grain is asked: an account there stays as it is; a claim with no
        // account behind it (an attempt that died before writing state) is replaced, so the read model shows this one.
        var holder = await _stores.ReadModel.FindIdByHandleAsync(row.AgencyId, row.Platform, row.HandleKey);
        if (holder is null || holder == row.Id)
        {
            if (await _stores.Grains.GetGrain<IAccountGrain>(GrainKeys.For(row.AgencyId, row.Id)).Get() is not null)
            {
                return Claim.IdInUse;
            }
            await _stores.ReadModel.DeleteAsync(row.AgencyId, row.Id);
        }
        else
        {
            // If the holder never finished creation (a claim made before creation became one transaction, whose process
            // died before writing the grain), the claim is an orphan: release it and try once more.
            var holderGrain = _stores.Grains.GetGrain<IAccountGrain>(GrainKeys.For(row.AgencyId, holder));
            if (await holderGrain.Get() is not null)
            {
                return Claim.HandleTaken;
            }
            _stores.Logger.LogWarning("Releasing orphaned handle claim of account {HolderId}", holder);
            await _stores.ReadModel.DeleteAsync(row.AgencyId, holder);
        }
        // The holder let go meanwhile, or the orphaned claim in the way was released.
        return await _state.TryCreateAsync(row, followersAt) ? Claim.Made : Claim.HandleTaken;
    }
}
