
using Campaigns.Connectors.Platforms;
using Campaigns.Connectors;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Common;
using Campaigns.Storage.Accounts;
using Campaigns.Storage.Pushes;
using Campaigns.Storage.Vault;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;
namespace Campaigns.Grains.Accounts;

/// <summary>
/// One account. Writes its own state first-class through Orleans storage and mirrors it into the accounts read
/// model, whose unique handle index is how creation claims a handle. An account created by a bulk import has no
/// grain state yet: the grain adopts its read-model row (and the secret kept beside it) on activation and
/// persists it with its first change. Secrets — the webhook secret and platform tokens — are kept encrypted by the
/// vault in state and row, and decrypted only in memory; <see cref="CredentialKeeper"/> owns the tokens. Publishing
/// (<see cref="AccountPublisher"/>) and polling (<see cref="AccountPoller"/>) are done for the grain by collaborators
/// that get what they need of it with each call.
/// </summary>
public sealed partial class AccountGrain(
    AccountStateStore stateStore,
    AccountStore readModel,
    FollowerStore followers,
    AccountSecrets secrets,
    PlatformRegistry platforms,
    AccountPublisher publisher,
    AccountPoller poller,
    TimeProvider clock,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain
{
    /// <summary>The account's own state (<c>account_states</c>), written with the claim at creation.</summary>
    private readonly PersistedAccountState state = new(stateStore, readModel);

    /// <summary>True while the state was adopted from an import and not yet written by this grain.</summary>
    private bool _adopted;

    /// <summary>Serialises state changes: the credential calls interleave with everything else.</summary>
    private readonly SemaphoreSlim _writes = new(1, 1);

    /// <summary>The webhook secret in plaintext, for the connector's signature only.</summary>
    private string? WebhookSecret => secrets.Reveal(AgencyId, AccountId, state.State.ConnectorSecret);

    private string AgencyId => GrainKeys.Split(this.GetPrimaryKeyString()).AgencyId;

    private string AccountId => GrainKeys.Split(this.GetPrimaryKeyString()).EntityId;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A key this process minted for the creation now activating it has nothing stored: no read (NewAccountKeys).
        if (ServiceProvider.GetService<NewAccountKeys>()?.TryTake(this.GetPrimaryKeyString()) == true)
        {
            state.BeginNew(AgencyId, AccountId);
        }
        else
        {
            _adopted = await state.LoadAsync(
                AgencyId, AccountId, () => ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Campaigns), this.GetGrainId(), cancellationToken);
        }
        if (state.State.Unprojected)
        {
            // Its last write may not have reached the read model (the process died, or storage refused it): check now.
            Repair.Arm(TimeSpan.Zero);
        }
        await base.OnActivateAsync(cancellationToken);
    }

    /// <summary>This activation's memory of its publishes (recent instants, call quotas).</summary>
    private readonly PublishMemory _published = new();

    public Task<AccountSnapshot?> Get() => Task.FromResult(state.State.Account);

    public async Task Prepare()
    {
        if (state.State.Account is { Status: AccountStatus.Active } account)
        {
            await publisher.PrepareAsync(Publishing(account));
        }
    }

    public Task<PublishReport> Publish(PublishCommand command) =>
        state.State.Account is { } account
            ? publisher.PublishAsync(Publishing(account), command)
            : Task.FromResult(AccountPublisher.Skipped("The account does not exist."));

    private PublishingAccount Publishing(AccountSnapshot account) => new(AgencyId, AccountId, account, () => WebhookSecret, Keeper, _published);

    public async Task<Outcome<AccountSnapshot>> Create(AccountDraft draft)
    {
        if (state.State.Account is not null)
        {
            return Outcome<AccountSnapshot>.Fail(ErrorKind.Conflict, $"Account {AccountId} already exists.");
        }

        var account = AccountRows.New(AgencyId, AccountId, draft, clock.GetUtcNow());
        var secret = secrets.Protect(AgencyId, AccountId, draft.Connector.Secret);

        // The row carries the (protected) secret so a platform callback can be verified without waking this grain. The
        // first point of the follower history is written with the claim: released with it, never missing after creation.
        var row = AccountRows.From(account) with { ConnectorSecret = secret };
        var followersAt = account.FollowersAt?.ToUnixTimeMilliseconds();
        var claimed = false;
        await _writes.WaitAsync();
        try
        {
            // The state is written by the claim's own transaction: the account, its row and its state are durable together
            // or not at all, so a failed creation leaves no claim behind to release.
            state.State.Account = account;
            state.State.ConnectorSecret = secret;
            claimed = await StorageCalls.Guard(() => ClaimHandleAsync(row, followersAt));
        }
        finally
        {
            if (!claimed)
            {
                state.State.Account = null;
                state.State.ConnectorSecret = null;
            }
            _writes.Release();
        }
        if (!claimed)
        {
            return Outcome<AccountSnapshot>.Fail(
                ErrorKind.Conflict, $"Handle '{account.Handle}' is already used on {WireName<Platform>.Of(account.Platform)}.", "handle");
        }

        AccountLog.Created(logger, AccountId, account.Platform, account.Handle);
        return Outcome<AccountSnapshot>.Ok(account);
    }

    public async Task<Outcome<FollowerRecord>> RecordFollowers(DateTimeOffset at, long count)
    {
        if (state.State.Account is not { } current)
        {
            return Outcome<FollowerRecord>.Fail(ErrorKind.NotFound, $"Account {AccountId} was not found.");
        }

        var recorded = await StorageCalls.Guard(() => followers.TryRecordAsync(AgencyId, AccountId, at.ToUnixTimeMilliseconds(), count));
        if (recorded is { } existing && existing != count)
        {
            return Outcome<FollowerRecord>.Fail(
                ErrorKind.Conflict, $"A snapshot at {at:O} already records {existing} followers, not {count}.", "at");
        }

        // Also on a same-count duplicate: if the first attempt stored the row but died before the state write,
        // the retry completes it.
        if (current.FollowersAt is null || at > current.FollowersAt)
        {
            var changed = await ChangeAsync(account => Outcome<AccountSnapshot>.Ok(account with { Followers = count, FollowersAt = at }));
            current = changed.Value!;
        }
        return Outcome<FollowerRecord>.Ok(new FollowerRecord(at, count, current.FollowersAt == at, current.Followers, current.FollowersAt));
    }

    public Task<Outcome<AccountSnapshot>> Update(AccountPatch patch) =>
        ChangeAsync(account => Outcome<AccountSnapshot>.Ok(account with
        {
            DisplayName = patch.DisplayName ?? account.DisplayName,
            Brand = patch.Brand ?? account.Brand,
            Persona = patch.Persona ?? account.Persona,
            AudienceTags = patch.AudienceTags ?? account.AudienceTags,
            TimeZone = patch.TimeZone ?? account.TimeZone,
            Caps = patch.Caps ?? account.Caps,
            Connector = patch.Connector?.Redacted() ?? account.Connector,
            // Tokens belong to one connector: another type starts over (not connected, or no credential at all).
            Credential = patch.Connector is { } connector && connector.Type != account.Connector.Type
                ? AccountCredential.InitialFor(connector.Type)
                : account.Credential,
        }), patch.Connector);

    public Task<Outcome<AccountSnapshot>> Suspend() =>
        ChangeAsync(account => account.Status == AccountStatus.Suspended
            ? Outcome<AccountSnapshot>.Fail(ErrorKind.Conflict, "The account is already suspended.")
            : Outcome<AccountSnapshot>.Ok(account with { Status = AccountStatus.Suspended }));

    public Task<Outcome<AccountSnapshot>> Resume() =>
        ChangeAsync(account => account.Status == AccountStatus.Active
            ? Outcome<AccountSnapshot>.Fail(ErrorKind.Conflict, "The account is already active.")
            : Outcome<AccountSnapshot>.Ok(account with { Status = AccountStatus.Active }));

    /// <summary>Read, decide, write state, then project: the shared shape of every change after creation.</summary>
    private async Task<Outcome<AccountSnapshot>> ChangeAsync(Func<AccountSnapshot, Outcome<AccountSnapshot>> decide, AccountConnector? newConnector = null)
    {
        AccountSnapshot changed;
        await _writes.WaitAsync();
        try
        {
            if (state.State.Account is not { } current)
            {
                return Outcome<AccountSnapshot>.Fail(ErrorKind.NotFound, $"Account {AccountId} was not found.");
            }

            var decision = decide(current);
            if (decision.Value is null)
            {
                return decision;
            }
            changed = decision.Value with { UpdatedAt = clock.GetUtcNow(), Version = current.Version + 1 };
            var connectorChanged = newConnector is not null && newConnector.Type != current.Connector.Type;
            var (previousSecret, previousTokens, previousUnprojected) = (state.State.ConnectorSecret, state.State.Tokens, state.State.Unprojected);
            state.State.Account = changed;
            state.State.Unprojected = true;
            if (newConnector is not null)
            {
                state.State.ConnectorSecret = secrets.Protect(AgencyId, AccountId, newConnector.Secret);
            }
            if (connectorChanged)
            {
                state.State.Tokens = null;
            }
            try
            {
                await WriteStateAsync();
            }
            catch (StorageUnavailableException)
            {
                (state.State.Account, state.State.ConnectorSecret, state.State.Tokens, state.State.Unprojected) =
                    (current, previousSecret, previousTokens, previousUnprojected);
                throw;
            }
            if (connectorChanged)
            {
                _tokens = (null, true);
                Keeper.Forget();
            }
        }
        finally
        {
            _writes.Release();
        }

        // The state is durable, so the command has happened and is answered so; a read-model row that could not be
        // written now catches up from the state (ProjectStateAsync).
        await ProjectStateAsync();
        return Outcome<AccountSnapshot>.Ok(changed);
    }

    /// <summary>Writes state, first protecting a webhook secret still held as plaintext from before the vault.</summary>
    private async Task WriteStateAsync()
    {
        if (state.State.ConnectorSecret is { } secret && !SecretVault.IsProtected(secret))
        {
            state.State.ConnectorSecret = secrets.Protect(AgencyId, AccountId, secret);
        }
        await StorageCalls.Guard(state.WriteStateAsync);
    }

    private async Task<bool> ClaimHandleAsync(AccountRow row, long? followersAt)
    {
        if (await state.TryCreateAsync(row, followersAt))
        {
            return true;
        }

        // The handle is taken. If its holder never finished creation (the process died between claiming the
        // handle and writing the grain), the claim is an orphan: release it and try once more.
        var holder = await readModel.FindIdByHandleAsync(row.AgencyId, row.Platform, row.HandleKey);
        if (holder is null || holder == row.Id)
        {
            // Either the holder let go meanwhile, or the row in the way is this account's own claim from an
            // earlier attempt that died before writing state (ours is still empty), possibly for another handle.
            // Replace it, so the read model shows this attempt rather than the stale one.
            await readModel.DeleteAsync(row.AgencyId, row.Id);
            return await state.TryCreateAsync(row, followersAt);
        }
        var holderGrain = GrainFactory.GetGrain<IAccountGrain>(GrainKeys.For(row.AgencyId, holder));
        if (await holderGrain.Get() is not null)
        {
            return false;
        }
        logger.LogWarning("Releasing orphaned handle claim of account {HolderId}", holder);
        await readModel.DeleteAsync(row.AgencyId, holder);
        return await state.TryCreateAsync(row, followersAt);
    }

    private async Task ForgetImportQuietlyAsync()
    {
        try
        {
            await readModel.ForgetImportAsync(AgencyId, AccountId);
        }
        catch (Exception ex)
        {
            // Harmless when left: adoption only happens while the grain has no state of its own.
            logger.LogWarning(ex, "Could not drop the import marker of account {AccountId}", AccountId);
        }
    }
}
