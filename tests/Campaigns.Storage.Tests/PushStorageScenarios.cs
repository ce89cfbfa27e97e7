using System.Text.Json;
using Campaigns.Domain.Pushes;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Pushes;
using Campaigns.Testing;
using Dapper;

namespace Campaigns.Storage.Tests;

/// <summary>
/// The pushes table's guards, per provider: claims carry their holder and lease, renewal extends only the holder's
/// own, recovery takes dead holders' and expired claims but never a live renewed one, a firing's outcome needs its
/// lease (except a published post), and a published push stays published.
/// </summary>
public abstract class PushStorageScenarios
{
    protected internal const string Agency = "agy_pushes";
    protected internal const long Second = 1_000, Now = 1_800_000_000_000, Lease = 30 * Second;
    protected internal const string Alive = "10.0.0.1:11111@1", Dead = "10.0.0.2:11111@1", Quiet = "10.0.0.3:11111@1";

    protected abstract StorageSettings Settings { get; }

    private (PushClaims Claims, PushOutcomes Outcomes, PushQueries Queries, OwnerPushes Owners) Stores()
    {
        DatabaseMigrator.Migrate(Settings);
        var connections = new DbConnectionFactory(Settings);
        return (new PushClaims(connections), new PushOutcomes(connections), new PushQueries(connections), new OwnerPushes(connections));
    }

    [ProviderFact]
    public async Task A_claim_records_its_holder_and_when_its_lease_runs_out()
    {
        var (claims, _, queries, owners) = Stores();
        await owners.InsertAsync([Push("psh_due", dueAt: Now), Push("psh_held", dueAt: Now, held: 1), Push("psh_later", dueAt: Now + 10 * Second)]);

        var claimed = await claims.ClaimDueAsync(Now + Second, 10, new PushLease(Alive, Now + Lease), Now);

        var row = Assert.Single(claimed);
        Assert.Equal(("psh_due", PushStatus.Publishing, Alive, Now + Lease), (row.Id, row.Lifecycle, row.LeaseHolder, row.LeaseExpiresAt));
        Assert.Equal((Alive, (long?)(Now + Lease)), Lease_(await queries.GetAsync(Agency, "psh_due")));
        Assert.Empty(await claims.ClaimDueAsync(Now + Second, 10, new PushLease(Dead, Now + Lease), Now)); // claimed once only
        Assert.Equal([Alive], await claims.HoldersAsync());
    }

    [ProviderFact]
    public async Task Renewing_extends_the_holders_own_leases_and_no_one_elses()
    {
        var (claims, _, queries, owners) = Stores();
        await owners.InsertAsync([Push("psh_a1", dueAt: Now), Push("psh_a2", dueAt: Now), Push("psh_b", dueAt: Now + 2 * Second)]);
        await claims.ClaimDueAsync(Now + Second, 10, new PushLease(Alive, Now + Lease), Now);
        await claims.ClaimDueAsync(Now + 3 * Second, 10, new PushLease(Quiet, Now + Lease), Now);

        var renewed = await claims.RenewAsync(Alive, [Key("psh_a1"), Key("psh_a2"), Key("psh_b")], Now + 2 * Lease);

        Assert.Equal(2, renewed);
        Assert.Equal((Alive, (long?)(Now + 2 * Lease)), Lease_(await queries.GetAsync(Agency, "psh_a2")));
        Assert.Equal((Quiet, (long?)(Now + Lease)), Lease_(await queries.GetAsync(Agency, "psh_b")));
        Assert.Equal(0, await claims.RenewAsync(Alive, [], Now + 3 * Lease));
    }

    [ProviderFact]
    public async Task Recovery_takes_a_dead_holders_claims_at_once_and_expired_leases_later_but_never_a_live_renewed_one()
    {
        var (claims, _, queries, owners) = Stores();
        await owners.InsertAsync([Push("psh_alive", dueAt: Now), Push("psh_dead", dueAt: Now + Second), Push("psh_quiet", dueAt: Now + 2 * Second),
            Push("psh_old", dueAt: Now, status: PushStatus.Publishing)]); // claimed before leases existed: no holder
        await claims.ClaimDueAsync(Now + Second, 10, new PushLease(Alive, Now + Lease), Now);
        await claims.ClaimDueAsync(Now + 2 * Second, 10, new PushLease(Dead, Now + Lease), Now);
        await claims.ClaimDueAsync(Now + 3 * Second, 10, new PushLease(Quiet, Now + Lease), Now);

        // A second later the membership says Dead is dead: its claim (and the holderless one) come back at once.
        Assert.Equal(2, await claims.RecoverAsync([Dead], Now + Second));
        var recovered = (await queries.GetAsync(Agency, "psh_dead"))!;
        Assert.Equal((PushStatus.Scheduled, 1, null, PushClaims.RecoveredNote), (recovered.Lifecycle, recovered.Attempts, recovered.LeaseHolder, recovered.LastError));
        Assert.Equal(PushStatus.Scheduled, (await queries.GetAsync(Agency, "psh_old"))!.Lifecycle);

        // Alive renews while it publishes; Quiet stops renewing. Past the first lease only Quiet's claim has expired.
        await claims.RenewAsync(Alive, [Key("psh_alive")], Now + Lease / 2 + Lease);
        Assert.Equal(0, await claims.RecoverAsync([], Now + Lease - 1));
        Assert.Equal(1, await claims.RecoverAsync([], Now + Lease + 1));
        Assert.Equal(PushStatus.Scheduled, (await queries.GetAsync(Agency, "psh_quiet"))!.Lifecycle);
        var alive = (await queries.GetAsync(Agency, "psh_alive"))!;
        Assert.Equal((PushStatus.Publishing, 0, Alive), (alive.Lifecycle, alive.Attempts, alive.LeaseHolder));

        // The recovered pushes are due again, and a new claim takes them.
        Assert.Equal(["psh_dead", "psh_old", "psh_quiet"],
            (await claims.ClaimDueAsync(Now + 3 * Second, 10, new PushLease(Alive, Now + 3 * Lease), Now + Lease + 2)).Select(p => p.Id).Order());
    }

    [ProviderFact]
    public async Task A_firings_outcome_needs_its_lease_but_a_published_post_is_recorded_whoever_reports_it()
    {
        var (claims, outcomes, queries, owners) = Stores();
        await owners.InsertAsync([Push("psh_a", dueAt: Now)]);
        await claims.ClaimDueAsync(Now + Second, 10, new PushLease(Dead, Now + Lease), Now);
        await claims.RecoverAsync([Dead], Now + Second);
        await claims.ClaimDueAsync(Now + Second, 10, new PushLease(Alive, Now + Lease), Now + Second);

        // The first holder was only slow: its failure, retry and hold are refused; the push is the new holder's.
        Assert.Equal([false, false], await outcomes.RecordAsync([Outcome("psh_a", PushTransition.Fail, Dead), Outcome("psh_a", PushTransition.Retry, Dead)]));
        Assert.False(await outcomes.HoldClaimedAsync(Agency, "psh_a", Dead, Now));
        Assert.Equal((PushStatus.Publishing, Alive), Status(await queries.GetAsync(Agency, "psh_a")));

        // Its post exists, though: that is recorded, and the new holder's later outcomes (even "published") change nothing.
        Assert.Equal([true], await outcomes.RecordAsync([Outcome("psh_a", PushTransition.Publish, Dead, "sbx_first")]));
        Assert.Equal([false, false], await outcomes.RecordAsync([Outcome("psh_a", PushTransition.Fail, Alive), Outcome("psh_a", PushTransition.Publish, Alive, "sbx_second")]));
        var row = (await queries.GetAsync(Agency, "psh_a"))!;
        Assert.Equal((PushStatus.Published, "sbx_first", null), (row.Lifecycle, row.PlatformPostId, row.LeaseHolder));
    }

    [ProviderFact]
    public async Task A_push_claimed_then_held_by_its_owner_is_released_only_by_its_holder()
    {
        var (claims, outcomes, queries, owners) = Stores();
        await owners.InsertAsync([Push("psh_h", dueAt: Now)]);
        await claims.ClaimDueAsync(Now + Second, 10, new PushLease(Alive, Now + Lease), Now);

        Assert.True(await outcomes.HoldClaimedAsync(Agency, "psh_h", Alive, Now));
        var held = (await queries.GetAsync(Agency, "psh_h"))!;
        Assert.Equal((PushStatus.Scheduled, 1, null), (held.Lifecycle, held.Held, held.LeaseHolder));
        Assert.Empty(await claims.ClaimDueAsync(Now + Second, 10, new PushLease(Alive, Now + Lease), Now));

        await outcomes.ReleaseHoldAsync(Agency, "psh_h", Now);
        Assert.Single(await claims.ClaimDueAsync(Now + Second, 10, new PushLease(Alive, Now + Lease), Now));
    }

    [ProviderFact]
    public async Task A_claim_and_a_cancel_cannot_both_win_a_push()
    {
        var (claims, _, queries, owners) = Stores();
        await owners.InsertAsync([Push("psh_claimed", dueAt: Now), Push("psh_waiting", dueAt: Now + 10 * Second)]);
        await claims.ClaimDueAsync(Now + Second, 10, new PushLease(Alive, Now + Lease), Now);

        Assert.Equal(1, await owners.CancelScheduledAsync(Agency, "cam_pushes", Now));

        Assert.Equal(PushStatus.Publishing, (await queries.GetAsync(Agency, "psh_claimed"))!.Lifecycle);
        Assert.Equal(PushStatus.Cancelled, (await queries.GetAsync(Agency, "psh_waiting"))!.Lifecycle);
        Assert.Empty(await claims.ClaimDueAsync(Now + 20 * Second, 10, new PushLease(Alive, Now + Lease), Now));
    }

    [ProviderFact]
    public async Task Firing_is_soon_while_a_push_publishes_or_an_unheld_one_falls_due_before_the_horizon()
    {
        var (claims, outcomes, queries, owners) = Stores();
        Assert.Equal(Settings.Provider == StorageProvider.Sqlite, queries.SingleWriter);
        Assert.False(await queries.FiringSoonAsync(Now));

        await owners.InsertAsync([Push("psh_later", dueAt: Now + 10 * Second), Push("psh_held", dueAt: Now + Second, held: 1)]);
        Assert.False(await queries.FiringSoonAsync(Now + 5 * Second)); // the one due before it is held
        Assert.True(await queries.FiringSoonAsync(Now + 11 * Second));

        Assert.Single(await claims.ClaimDueAsync(Now + 11 * Second, 10, new PushLease(Alive, Now + Lease), Now));
        Assert.True(await queries.FiringSoonAsync(Now)); // publishing now
        await outcomes.RecordAsync([Outcome("psh_later", PushTransition.Publish, Alive, "sbx_1")]);
        Assert.False(await queries.FiringSoonAsync(Now + 11 * Second));
    }

    private static (string?, long?) Lease_(PushRow? row) => (row!.LeaseHolder, row.LeaseExpiresAt);

    private static (PushStatus, string?) Status(PushRow? row) => (row!.Lifecycle, row.LeaseHolder);

    private static PushKey Key(string id) => new(Agency, id);

    private static PushOutcomeUpdate Outcome(string id, PushTransition transition, string holder, string? postId = null) =>
        new(Agency, id, transition, holder, 1, Now, null, postId, Now, postId is null ? null : Now, Now);

    protected internal static PushRow Push(string id, long dueAt, string owner = "cam_pushes", string? brand = null, int held = 0, PushStatus status = PushStatus.Scheduled) => new()
    {
        AgencyId = Agency, Id = id, CampaignId = owner, AccountId = "acc_" + id, VideoId = "vid_1", Platform = "douyin", Brand = brand,
        ScheduledAt = dueAt, DueAt = dueAt, Lifecycle = status, Held = held, UpdatedAt = Now - 60 * Second,
    };
}

public sealed class SqlitePushStorageTests : PushStorageScenarios, IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    protected override StorageSettings Settings => new(StorageProvider.Sqlite, _database.ConnectionString);

    public void Dispose() => _database.Dispose();
}

[RequiresPostgres]
public sealed class PostgresPushStorageTests : PushStorageScenarios, IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    protected override StorageSettings Settings => new(StorageProvider.PostgreSql, _database.ConnectionString);

    /// <summary>
    /// Right after a launch, before autovacuum has analysed it, the statistics say no push is scheduled. The claim must
    /// still pick and lock its rows once: a plan that runs the locking step once per scheduled push is quadratic
    /// (7.5 s for 10,000 pushes, measured). Checked on the plan PostgreSQL actually ran, in a rolled-back transaction.
    /// </summary>
    [ProviderFact]
    public async Task A_claim_right_after_a_launch_locks_its_rows_in_one_pass_whatever_the_statistics_say()
    {
        var (owners, connection) = await TenAnalysedPushesAsync();
        await using var _ = connection;
        // In launches too small to refresh the statistics themselves, so that they stay stale.
        foreach (var launch in Enumerable.Range(0, 3_000).Select(i => Push($"psh_new{i:D5}", Now + i / 1000 * Second)).Chunk(OwnerPushes.AnalyzeAfterRows - 1))
        {
            await owners.InsertAsync(launch);
        }

        await using var transaction = await connection.BeginTransactionAsync();
        var plan = await connection.ExecuteScalarAsync<string>(
            "EXPLAIN (ANALYZE, FORMAT JSON) " + PushClaims.ClaimSql(StorageProvider.PostgreSql),
            new { dueBefore = Now + Second, limit = 2000, now = Now, Holder = Alive, leaseUntil = Now + Lease }, transaction);
        await transaction.RollbackAsync();

        var root = JsonDocument.Parse(plan!).RootElement[0].GetProperty("Plan");
        Assert.Equal(1000, root.GetProperty("Actual Rows").GetInt32());
        var locking = Nodes(root).Single(n => n.GetProperty("Node Type").GetString() == "LockRows");
        Assert.Equal(1, locking.GetProperty("Actual Loops").GetInt32());
    }

    /// <summary>
    /// A big launch refreshes the statistics itself: until then PostgreSQL plans reads of the new rows as if the table
    /// were as it was (here: ten pushes), and an account's "published since" scanned its agency's every push.
    /// </summary>
    [ProviderFact]
    public async Task A_big_launch_leaves_the_planner_knowing_how_many_pushes_there_are()
    {
        var (owners, connection) = await TenAnalysedPushesAsync();
        await using var _ = connection;

        await owners.InsertAsync(Enumerable.Range(0, OwnerPushes.AnalyzeAfterRows).Select(i => Push($"psh_new{i:D5}", Now)).ToList());

        var estimate = await connection.ExecuteScalarAsync<double>("SELECT reltuples FROM pg_class WHERE relname = 'pushes'");
        Assert.Equal(10 + OwnerPushes.AnalyzeAfterRows, estimate);
    }

    /// <summary>A migrated database holding ten published pushes, analysed: the statistics just before a launch.</summary>
    private async Task<(OwnerPushes Owners, System.Data.Common.DbConnection Connection)> TenAnalysedPushesAsync()
    {
        DatabaseMigrator.Migrate(Settings);
        var connections = new DbConnectionFactory(Settings);
        var owners = new OwnerPushes(connections);
        await owners.InsertAsync(Enumerable.Range(0, 10).Select(i => Push($"psh_old{i}", Now - Second, status: PushStatus.Published)).ToList());
        var connection = await connections.OpenAsync();
        await connection.ExecuteAsync("ANALYZE pushes");
        return (owners, connection);
    }

    private static IEnumerable<JsonElement> Nodes(JsonElement node) =>
        node.TryGetProperty("Plans", out var children)
            ? children.EnumerateArray().SelectMany(Nodes).Prepend(node)
            : [node];

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();
}
