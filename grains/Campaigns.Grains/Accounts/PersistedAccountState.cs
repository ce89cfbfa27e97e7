using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Common;
using Campaigns.Storage.Accounts;
using Orleans.Storage;

namespace Campaigns.Grains.Accounts;

/// <summary>
/// The account grain's persisted state, kept in <c>account_states</c> (<see cref="AccountStateStore"/>) rather than by
/// Orleans' grain storage, so that creation makes the read-model row, its tags, the first follower point and the state
/// durable in one transaction, and activation finds the state, or an import to adopt, with one query. Used like
/// Orleans' <c>IPersistentState</c>: <see cref="State"/>, <see cref="RecordExists"/>, <see cref="WriteStateAsync"/>.
/// State that Orleans' storage held before this table existed is read from there (the account's row exists but has no
/// state here) and moves here with its next write.
/// </summary>
public sealed class PersistedAccountState(AccountStateStore states, AccountStore readModel)
{
    /// <summary>The Orleans state name the account grain stored its state under.</summary>
    private const string LegacyStateName = "account";

    private (string AgencyId, string Id) _key;

    /// <summary>The etag of the state in <c>account_states</c>; null while it has none there.</summary>
    private long? _etag;

    /// <summary>True when the state was read from Orleans' grain storage and not written here yet.</summary>
    private bool _legacy;

    /// <summary>True when the state was adopted from an import whose marker nobody has dropped yet.</summary>
    private bool _adopted;

    public AccountState State { get; } = new();

    /// <summary>Whether a state of this account is stored (here or, from before, in Orleans' grain storage).</summary>
    public bool RecordExists => _etag is not null || _legacy;

    /// <summary>True once after an import was adopted: the caller drops its marker (with the first projection of the state).</summary>
    public bool TakeAdopted()
    {
        var adopted = _adopted;
        _adopted = false;
        return adopted;
    }

    /// <summary>Starts with no state and reads nothing, for an id minted a moment ago for a creation.</summary>
    public void BeginNew(string agencyId, string id) => _key = (agencyId, id);

    /// <summary>
    /// Loads the account's state; when there is none but the row is an import, its document and secret are the state
    /// (adopted, not yet written: <see cref="TakeAdopted"/>).
    /// </summary>
    public async Task LoadAsync(string agencyId, string id, Func<IGrainStorage> legacyStorage, GrainId grainId, CancellationToken cancellationToken)
    {
        _key = (agencyId, id);
        var found = await StorageCalls.Guard(() => states.ReadAsync(agencyId, id, cancellationToken));
        if (found is null)
        {
            return; // no row: never created, so no state anywhere
        }
        if (found.State is { } stored)
        {
            (State.Account, State.ConnectorSecret, State.Tokens, State.Unprojected) =
                (AccountDocument.Deserialize(stored.Document), stored.ConnectorSecret, stored.Tokens, stored.Unprojected);
            _etag = found.Etag;
            return;
        }
        var legacy = new GrainState<AccountState>();
        await StorageCalls.Guard(() => legacyStorage().ReadStateAsync(LegacyStateName, grainId, legacy));
        if (legacy.RecordExists && legacy.State is { } old)
        {
            (State.Account, State.ConnectorSecret, State.Tokens, State.Unprojected) = (old.Account, old.ConnectorSecret, old.Tokens, old.Unprojected);
            _legacy = true;
            return;
        }
        if (found.Import is { } imported)
        {
            State.Account = AccountDocument.Deserialize(imported.Document);
            State.ConnectorSecret = imported.ConnectorSecret;
            _adopted = true;
        }
        // Otherwise a claim whose creation never finished: the account does not exist.
    }

    /// <summary>
    /// Claims the row's handle and stores <see cref="State"/> (which must hold the new account) in the same transaction;
    /// false, with nothing written, when the handle or the id is taken.
    /// </summary>
    public async Task<bool> TryCreateAsync(AccountRow row, long? followersAt)
    {
        if (!await readModel.TryInsertAsync(row, followersAt, Row()))
        {
            return false;
        }
        _etag = 1;
        return true;
    }

    /// <summary>Writes <see cref="State"/>, conditional on the etag read or last written.</summary>
    public async Task WriteStateAsync()
    {
        var row = Row();
        var written = _etag is { } etag
            ? await states.TryUpdateAsync(row, etag)
            : await states.TryInsertAsync(row);
        if (!written)
        {
            throw new InconsistentStateException(
                $"The stored state of account {_key.Id} changed since this activation read it (etag {_etag?.ToString() ?? "none"}).");
        }
        _etag = (_etag ?? 0) + 1;
        _legacy = false;
    }

    private AccountStateRow Row() => new(
        _key.AgencyId, _key.Id,
        AccountDocument.Serialize(State.Account ?? throw new InvalidOperationException($"Account {_key.Id} has no state to write.")),
        State.ConnectorSecret, State.Tokens, State.Unprojected);
}
