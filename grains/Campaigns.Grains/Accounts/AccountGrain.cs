using Campaigns.Domain.Accounts;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Common;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Campaigns.Grains.Accounts;

/// <summary>
/// One account: what it may do and what each command changes. How it is kept is its <see cref="AccountRecord"/>'s:
/// state written first (at creation in the same transaction as the handle claim), then mirrored into the accounts read
/// model, secrets encrypted; an account created by a bulk import has no state yet, and the record adopts its read-model
/// row on activation and persists it with its first change. The platform credential is its
/// <see cref="CredentialKeeper"/>'s; publishing (<see cref="AccountPublisher"/>) and polling (<see cref="AccountPoller"/>)
/// are done for the grain by collaborators that get what they need of it with each call.
/// </summary>
public sealed class AccountGrain(AccountRecords records, CredentialKeepers keepers, AccountPublisher publisher, AccountPoller poller)
    : Grain, IAccountGrain, IAccountPolling, IIncomingGrainCallFilter
{
    private AccountRecord? _record;

    private CredentialKeeper? _keeper;

    /// <summary>This activation's memory of its publishes (recent instants, call quotas).</summary>
    private readonly PublishMemory _published = new();

    private AccountRecord Record => _record ??= records.Open(this, this.GetPrimaryKeyString());

    private CredentialKeeper Keeper => _keeper ??= keepers.For(Record, Record.AccountId);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await Record.LoadAsync(
            () => ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Campaigns), this.GetGrainId(), cancellationToken);
        Record.Loaded();
        await base.OnActivateAsync(cancellationToken);
    }

    /// <summary>
    /// After each call: an activation that finds no account goes once it is idle. It holds no memory for a foreign or
    /// mistyped id, and never outlives a creation (which <see cref="AccountCreationGrain"/> writes without it) with a stale
    /// "not found".
    /// </summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        await context.Invoke();
        if (Record.Account is null)
        {
            DeactivateOnIdle();
        }
    }

    public Task<AccountSnapshot?> Get() => Task.FromResult(Record.Account);

    public Task<Outcome<AccountSnapshot>> Update(AccountPatch patch) =>
        Record.ChangeAsync(account => Outcome<AccountSnapshot>.Ok(account with
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
        }), patch.Connector, () => _keeper?.Forget());

    public Task<Outcome<AccountSnapshot>> Suspend() =>
        Record.ChangeAsync(account => account.Status == AccountStatus.Suspended
            ? Outcome<AccountSnapshot>.Fail(ErrorKind.Conflict, "The account is already suspended.")
            : Outcome<AccountSnapshot>.Ok(account with { Status = AccountStatus.Suspended }));

    public Task<Outcome<AccountSnapshot>> Resume() =>
        Record.ChangeAsync(account => account.Status == AccountStatus.Active
            ? Outcome<AccountSnapshot>.Fail(ErrorKind.Conflict, "The account is already active.")
            : Outcome<AccountSnapshot>.Ok(account with { Status = AccountStatus.Active }));

    /// <summary>
    /// A point of the follower history: the same instant with another count is a conflict; the newest point is the
    /// account's count, an older one only joins the history. Without an instant the point is taken now
    /// (<see cref="AccountRecord.FollowerInstantNow"/>).
    /// </summary>
    public async Task<Outcome<FollowerRecord>> RecordFollowers(DateTimeOffset? given, long count)
    {
        if (Record.Account is not { } current)
        {
            return Outcome<FollowerRecord>.Fail(ErrorKind.NotFound, $"Account {Record.AccountId} was not found.");
        }
        var at = given ?? Record.FollowerInstantNow();
        if (await Record.RecordFollowerPointAsync(at, count) is { } existing && existing != count)
        {
            return Outcome<FollowerRecord>.Fail(
                ErrorKind.Conflict, $"A snapshot at {at:O} already records {existing} followers, not {count}.", "at");
        }

        // Also on a same-count duplicate: if the first attempt stored the point but died before the state write,
        // the retry completes it.
        if (current.FollowersAt is null || at > current.FollowersAt)
        {
            current = (await Record.ChangeAsync(account => Outcome<AccountSnapshot>.Ok(account with { Followers = count, FollowersAt = at }))).Value!;
        }
        return Outcome<FollowerRecord>.Ok(new FollowerRecord(at, count, current.FollowersAt == at, current.Followers, current.FollowersAt));
    }

    public async Task Prepare()
    {
        if (Record.Account is { Status: AccountStatus.Active } account)
        {
            await publisher.PrepareAsync(Publishing(account));
        }
    }

    public Task<PublishReport> Publish(PublishCommand command) =>
        Record.Account is { } account
            ? publisher.PublishAsync(Publishing(account), command)
            : Task.FromResult(AccountPublisher.Skipped("The account does not exist."));

    private PublishingAccount Publishing(AccountSnapshot account) =>
        new(Record.AgencyId, Record.AccountId, account, () => Record.WebhookSecret, Keeper, _published);

    /// <summary>Connects the platform credential from an OAuth callback; once connected, the pushes held for it go.</summary>
    public async Task<Outcome<AccountCredential>> Connect(CredentialGrant grant)
    {
        if (Record.Account is null)
        {
            return Outcome<AccountCredential>.Fail(ErrorKind.NotFound, $"Account {Record.AccountId} was not found.");
        }
        var connected = await Keeper.ConnectAsync(grant, CancellationToken.None);
        if (connected.Value is { } && Record.Account is { } account)
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
        Record.Account is null ? Task.FromResult(false) : Keeper.KeepAliveAsync(CancellationToken.None);

    public Task<MetricsPoll> PollMetrics(IReadOnlyList<string> postIds) => poller.PollMetricsAsync(Record.Account, Keeper, postIds);

    /// <summary>The polled count becomes the account's, decided under the write lock (this call interleaves) unless a newer one is recorded.</summary>
    public Task<FollowersPoll> PollFollowers() =>
        poller.PollFollowersAsync(Record.AgencyId, Record.AccountId, Record.Account, Keeper, (at, count) =>
            Record.ChangeAsync(account => account.FollowersAt is { } latest && latest >= at
                ? Outcome<AccountSnapshot>.Fail(ErrorKind.Conflict, "A newer follower count is already recorded.")
                : Outcome<AccountSnapshot>.Ok(account with { Followers = count, FollowersAt = at })));
}
