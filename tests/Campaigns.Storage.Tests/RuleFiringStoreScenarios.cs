
using Campaigns.Domain.Pushes;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Feedback;
using Campaigns.Storage.Pushes;
using Campaigns.Storage.Rules;
using Campaigns.Testing;
namespace Campaigns.Storage.Tests;

/// <summary>The storage side of automation rules, per provider: one claim wins, completion writes one event, windows are found.</summary>
public abstract class RuleFiringStoreScenarios
{
    private const string Agency = "agy_rules", Campaign = "cam_rules";
    private const long Minute = 60_000, Now = 1_800_000_000_000;

    protected abstract StorageSettings Settings { get; }

    private DbConnectionFactory Connections => new(Settings);

    [ProviderFact]
    public async Task Of_racing_claims_for_one_rule_and_push_exactly_one_wins_and_its_completion_writes_one_event()
    {
        DatabaseMigrator.Migrate(Settings);
        var store = new RuleFiringStore(Connections);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.ClaimAsync(Agency, Campaign, 0, "psh_a", 0.1, Now))));

        Assert.Single(claims, won => won);
        Assert.False(await store.ClaimAsync(Agency, Campaign, 0, "psh_a", 0.2, Now));
        Assert.True(await store.ClaimAsync(Agency, Campaign, 1, "psh_a", 0.1, Now)); // another rule decides on its own
        Assert.Equal([(0, "psh_a"), (1, "psh_a")], (await store.UnfinishedAsync(Agency, Campaign)).Select(r => (r.RuleIndex, r.PushId)).Order());

        Assert.True(await store.CompleteAsync(Agency, Campaign, 0, "psh_a", 3, 0, Event("first")));
        Assert.False(await store.CompleteAsync(Agency, Campaign, 0, "psh_a", 3, 0, Event("again")));
        Assert.Equal(["first"], await Db.StringsAsync(Settings, $"SELECT detail FROM campaign_events WHERE campaign_id = '{Campaign}'"));
        Assert.Equal([(1, "psh_a")], (await store.UnfinishedAsync(Agency, Campaign)).Select(r => (r.RuleIndex, r.PushId)));
        Assert.Equal(3, await store.AddedAsync(Agency, Campaign));
        Assert.Equal(new HashSet<(int, string)> { (0, "psh_a"), (1, "psh_a") }, await store.DecidedAsync(Agency, Campaign, ["psh_a", "psh_b"]));
    }

    [ProviderFact]
    public async Task Windows_are_found_for_published_pushes_a_rule_has_not_decided_for()
    {
        DatabaseMigrator.Migrate(Settings);
        var store = new RuleFiringStore(Connections);
        var pushes = new PushQueries(Connections);
        var owners = new OwnerPushes(Connections);
        await owners.InsertAsync([
            Push("psh_old", "acc_1", PushStatus.Published, Now - 30 * Minute),
            Push("psh_mid", "acc_1", PushStatus.Published, Now - 5 * Minute),
            Push("psh_new", "acc_2", PushStatus.Published, Now - 1 * Minute),
            Push("psh_later", "acc_2", PushStatus.Scheduled, null),
        ]);
        await new MetricsStore(Connections).RecordAsync([
            new MetricsWrite(Agency, "psh_old", new MetricsRow(Now - 29 * Minute, 10, 0, 0, 0, 0, 0, 0)),
            new MetricsWrite(Agency, "psh_mid", new MetricsRow(Now - 2 * Minute, 20, 0, 0, 0, 0, 0, 0)),
        ], Now);

        // A 10-minute window: psh_mid's closes first among the open ones; psh_old's has closed and has feedback.
        Assert.Equal(Now + 5 * Minute, await store.NextWindowEndAsync(Agency, Campaign, 0, 10 * Minute, Now));
        Assert.Equal(["psh_old"], (await store.ClosedUndecidedAsync(Agency, Campaign, 0, 10 * Minute, Now, 100)).Select(p => p.Id));
        await store.PassAsync(Agency, Campaign, 0, "psh_old", 10, Now);
        await store.PassAsync(Agency, Campaign, 0, "psh_mid", 20, Now);
        Assert.Empty(await store.ClosedUndecidedAsync(Agency, Campaign, 0, 10 * Minute, Now, 100));
        Assert.Equal(Now + 9 * Minute, await store.NextWindowEndAsync(Agency, Campaign, 0, 10 * Minute, Now));
        Assert.Null(await store.NextWindowEndAsync(Agency, Campaign, 0, 30 * Minute, Now + 60 * Minute));

        var history = await store.SnapshotsWithinAsync(Agency, ["psh_old", "psh_mid"], 2 * Minute);
        Assert.Equal(["psh_old"], history.Select(h => h.PushId)); // psh_mid's snapshot is 3 minutes after it published

        Assert.Equal(1, await owners.CancelAccountScheduledAsync(Agency, Campaign, "acc_2", "stopped", Now));
        Assert.Equal(0, await owners.CancelAccountScheduledAsync(Agency, Campaign, "acc_2", "stopped", Now));
        Assert.Equal(PushStatus.Published, (await pushes.GetAsync(Agency, "psh_new"))!.Lifecycle);
        Assert.Equal("stopped", (await pushes.GetAsync(Agency, "psh_later"))!.LastError);
    }

    private static PushRow Push(string id, string account, PushStatus status, long? publishedAt) => new()
    {
        AgencyId = Agency, Id = id, CampaignId = Campaign, AccountId = account, VideoId = "vid_1", Platform = "douyin",
        ScheduledAt = publishedAt ?? Now + Minute, DueAt = publishedAt ?? Now + Minute, Lifecycle = status, PublishedAt = publishedAt, UpdatedAt = Now,
    };

    private static CampaignEventRow Event(string detail) => new() { Id = "evt_" + detail, At = Now, Type = "rule-fired", Detail = detail };
}

public sealed class SqliteRuleFiringStoreTests : RuleFiringStoreScenarios, IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    protected override StorageSettings Settings => new(StorageProvider.Sqlite, _database.ConnectionString);

    public void Dispose() => _database.Dispose();
}

[RequiresPostgres]
public sealed class PostgresRuleFiringStoreTests : RuleFiringStoreScenarios, IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    protected override StorageSettings Settings => new(StorageProvider.PostgreSql, _database.ConnectionString);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();
}
