using Campaigns.Domain.Common;
using Campaigns.Domain.Pushes;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Exchanges;
using Campaigns.Storage.Feedback;
using Campaigns.Storage.Pushes;
using Campaigns.Storage.Reports;
using Campaigns.Testing;

namespace Campaigns.Storage.Tests;

/// <summary>
/// Every write that changes what an account page sums (RollupStore.AccountFiguresAsync: pushes, published, latest
/// engagement, settled credits) tells <see cref="IAccountFiguresChanged"/> after its commit, per provider; a write
/// that changes none of it does not. The account page answers from memory between such calls, so a write that stayed
/// silent would leave it showing the figures from before the write.
/// </summary>
public abstract class AccountFiguresChangedScenarios
{
    private const string Agency = "agy_figures";
    private const long Now = 1_800_000_000_000;
    private const string Holder = "10.0.0.1:11111@1";

    protected abstract StorageSettings Settings { get; }

    private readonly Told _told = new();

    private DbConnectionFactory Connections()
    {
        DatabaseMigrator.Migrate(Settings);
        return new DbConnectionFactory(Settings);
    }

    [ProviderFact]
    public async Task Inserted_pushes_and_a_published_outcome_are_told_other_outcomes_are_not()
    {
        var connections = Connections();
        var owners = new OwnerPushes(connections, _told);
        var outcomes = new PushOutcomes(connections, _told);
        var claims = new PushClaims(connections);

        await owners.InsertAsync([Push("psh_a"), Push("psh_b")]);
        Assert.Equal([Agency], _told.Take()); // guarded by OwnerPushes.InsertAsync's figures.AfterCommitAsync

        await claims.ClaimDueAsync(Now + 1_000, 10, new PushLease(Holder, Now + 60_000), Now);
        Assert.Equal([true], await outcomes.RecordAsync([Outcome("psh_a", PushTransition.Retry)]));
        Assert.Empty(_told.Take()); // a retry changes no figure
        Assert.Equal([true], await outcomes.RecordAsync([Outcome("psh_b", PushTransition.Publish, "sbx_b")]));
        Assert.Equal([Agency], _told.Take()); // guarded by PushOutcomes.RecordAsync's figures.AfterCommitAsync
        Assert.Equal([false], await outcomes.RecordAsync([Outcome("psh_b", PushTransition.Publish, "sbx_again")]));
        Assert.Empty(_told.Take()); // refused: nothing changed
    }

    [ProviderFact]
    public async Task A_person_resolving_an_unconfirmed_push_as_published_is_told()
    {
        var connections = Connections();
        await new OwnerPushes(connections).InsertAsync([Push("psh_u", PushStatus.Unconfirmed)]);

        Assert.True(await new PlatformPushes(connections, _told).ResolvePublishedAsync(Agency, "psh_u", "post_1", "seen on the platform", Now));
        Assert.Equal([Agency], _told.Take()); // guarded by PlatformPushes.ResolvePublishedAsync's figures.AfterCommitAsync
        Assert.False(await new PlatformPushes(connections, _told).ResolvePublishedAsync(Agency, "psh_u", "post_1", "again", Now));
        Assert.Empty(_told.Take());
    }

    [ProviderFact]
    public async Task A_snapshot_that_becomes_the_latest_is_told_an_older_one_is_not()
    {
        var connections = Connections();
        await new OwnerPushes(connections).InsertAsync([Push("psh_m", PushStatus.Published)]);
        var metrics = new MetricsStore(connections, _told);

        Assert.Equal([true], await metrics.RecordAsync([Snapshot(at: Now + 2_000, views: 100)], Now + 3_000));
        Assert.Equal([Agency], _told.Take()); // guarded by MetricsStore.RecordAsync's figures.AfterCommitAsync
        Assert.Equal([false], await metrics.RecordAsync([Snapshot(at: Now + 1_000, views: 50)], Now + 3_000));
        Assert.Empty(_told.Take()); // kept in the history only
    }

    [ProviderFact]
    public async Task An_exchange_reserved_and_its_leg_settled_are_told_a_released_leg_is_not()
    {
        var connections = Connections();
        var exchanges = new ExchangeStore(connections, _told);
        var ledger = new LedgerStore(connections, _told);
        var legs = new[] { Leg("psh_x1"), Leg("psh_x2") };

        var reserved = await exchanges.ReserveAsync(Agency, [new ExchangeRow(Agency, "exc_1", null, "acc_a", "acc_b", Now, "{}")],
            legs, [Push("psh_x1"), Push("psh_x2")], _ => null);
        Assert.True(reserved.Stored);
        Assert.Equal([Agency], _told.Take()); // guarded by ExchangeStore.ReserveAsync's figures.AfterCommitAsync

        Assert.True(await ledger.SettleAsync(Agency, Settleable("psh_x1", PushStatus.Failed), Now, NewId));
        Assert.Empty(_told.Take()); // released: no entry written
        Assert.True(await ledger.SettleAsync(Agency, Settleable("psh_x2", PushStatus.Published), Now, NewId));
        Assert.Equal([Agency], _told.Take()); // guarded by LedgerStore.SettleAsync's figures.AfterCommitAsync
    }

    private static string NewId() => "led_" + Guid.NewGuid().ToString("N");

    private static PushRow Push(string id, PushStatus status = PushStatus.Scheduled) => new()
    {
        AgencyId = Agency, Id = id, CampaignId = "cam_figures", AccountId = "acc_a", VideoId = "vid_1", Platform = "douyin",
        ScheduledAt = Now, DueAt = Now, Lifecycle = status, UpdatedAt = Now - 60_000,
        PublishedAt = status == PushStatus.Published ? Now : null,
    };

    private static PushOutcomeUpdate Outcome(string id, PushTransition transition, string? postId = null) =>
        new(Agency, id, transition, Holder, 1, Now, null, postId, Now, postId is null ? null : Now, Now);

    private static MetricsWrite Snapshot(long at, long views) => new(Agency, "psh_m", new MetricsRow(at, views, 0, 0, 0, 0, 0, 0));

    private static ExchangeLegRow Leg(string pushId) => new()
    {
        AgencyId = Agency, PushId = pushId, ExchangeId = "exc_1", HostAccountId = "acc_a", OwnerAccountId = "acc_b", Credits = 10, UpdatedAt = Now,
    };

    private static SettleableLeg Settleable(string pushId, PushStatus status) => new()
    {
        PushId = pushId, ExchangeId = "exc_1", HostAccountId = "acc_a", OwnerAccountId = "acc_b", Credits = 10,
        PushStatus = WireName<PushStatus>.Of(status), PublishedAt = status == PushStatus.Published ? Now : null,
    };

    /// <summary>The agencies told of, in order, since the last <see cref="Take"/>.</summary>
    private sealed class Told : IAccountFiguresChanged
    {
        private readonly List<string> _agencies = [];

        public Task ChangedAsync(IReadOnlyCollection<string> agencyIds)
        {
            lock (_agencies)
            {
                _agencies.AddRange(agencyIds);
            }
            return Task.CompletedTask;
        }

        public List<string> Take()
        {
            lock (_agencies)
            {
                var taken = _agencies.ToList();
                _agencies.Clear();
                return taken;
            }
        }
    }
}

public sealed class SqliteAccountFiguresChangedTests : AccountFiguresChangedScenarios, IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    protected override StorageSettings Settings => new(StorageProvider.Sqlite, _database.ConnectionString);

    public void Dispose() => _database.Dispose();
}

[RequiresPostgres]
public sealed class PostgresAccountFiguresChangedTests : AccountFiguresChangedScenarios, IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    protected override StorageSettings Settings => new(StorageProvider.PostgreSql, _database.ConnectionString);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();
}
