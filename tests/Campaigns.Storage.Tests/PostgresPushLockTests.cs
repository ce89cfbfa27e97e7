using Campaigns.Domain.Pushes;
using Campaigns.Storage.Feedback;
using Campaigns.Storage.Pushes;
using Campaigns.Testing;
using Dapper;
using static Campaigns.Storage.Tests.PushStorageScenarios;

namespace Campaigns.Storage.Tests;

/// <summary>
/// On PostgreSQL, the statements that touch many pushes at once never deadlock with the group commit of outcomes. The
/// faults benchmark (tests/Campaigns.Benchmarks/faults.sh b) found they did: lease renewals and outcome batches
/// deadlocked over the same pushes, outcomes were lost until recovery fired their pushes again, and a live silo's
/// leases expired. And a batch of snapshots counts the views it adds from the latest it locked. Here an open
/// transaction stands in for the other side, holding row locks while the statement under test runs.
/// </summary>
[RequiresPostgres]
public sealed class PostgresPushLockTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly PostgresDatabase _database = new();

    private StorageSettings Settings => new(StorageProvider.PostgreSql, _database.ConnectionString);

    [ProviderFact]
    public async Task Renewing_leases_skips_a_push_whose_outcome_is_being_recorded_rather_than_waiting_for_it()
    {
        var (claims, _, connections) = await ThreeClaimedPushesAsync();
        await using var outcome = await LockAsync(connections, "psh_2");

        // Without `FOR UPDATE SKIP LOCKED` in PushClaims.RenewSql the renewal waits for psh_2's row (here for as long as
        // the transaction stays open; in production until PostgreSQL finds the deadlock with the next outcome).
        var renewed = await claims.RenewAsync(Alive, [Key("psh_1"), Key("psh_2"), Key("psh_3")], Now + 2 * Lease).WaitAsync(Patience);

        Assert.Equal(2, renewed);
    }

    [ProviderFact]
    public async Task Recovery_skips_a_push_whose_outcome_is_being_recorded_rather_than_waiting_for_it()
    {
        var (claims, queries, connections) = await ThreeClaimedPushesAsync();
        await using var outcome = await LockAsync(connections, "psh_2");

        // Without `FOR UPDATE SKIP LOCKED` in PushClaims.RecoverAsync the recovery waits for psh_2's row.
        var recovered = await claims.RecoverAsync([Alive], Now + Second).WaitAsync(Patience);

        Assert.Equal(2, recovered);
        await outcome.DisposeAsync();
        Assert.Equal(PushStatus.Publishing, (await queries.GetAsync(Agency, "psh_2"))!.Lifecycle);
    }

    [ProviderFact]
    public async Task Outcomes_are_recorded_in_key_order_so_they_cannot_deadlock_with_a_batch_of_snapshots()
    {
        var (_, queries, connections) = await ThreeClaimedPushesAsync();
        var outcomes = new PushOutcomes(connections);
        // A batch of snapshots locks its pushes in key order (MetricsStore): it holds psh_1 …
        await using var snapshots = await LockAsync(connections, "psh_1");

        var record = outcomes.RecordAsync([Published("psh_3"), Published("psh_1")]);
        await Poll.Until(() => Db.WaitingForALockAsync(Settings));
        // … and then takes psh_3. Without the key order in PushOutcomes.RecordAsync the outcomes hold psh_3 while they
        // wait for psh_1, and PostgreSQL aborts one side as a deadlock.
        await snapshots.Connection.ExecuteAsync("SELECT id FROM pushes WHERE id = 'psh_3' FOR UPDATE", transaction: snapshots.Transaction);
        await snapshots.DisposeAsync();

        Assert.Equal([true, true], await record.WaitAsync(Patience));
        Assert.Equal(PushStatus.Published, (await queries.GetAsync(Agency, "psh_1"))!.Lifecycle);
    }

    [ProviderFact]
    public async Task The_views_a_snapshot_adds_are_counted_from_the_latest_a_concurrent_batch_committed()
    {
        // A batch of snapshots is one statement (PostgresMetricsWrite), whose reads see the statement's snapshot unless
        // they lock; the open transaction stands in for a concurrent batch that changed the push's latest.
        DatabaseMigrator.Migrate(Settings);
        var connections = new DbConnectionFactory(Settings);
        await new OwnerPushes(connections).InsertAsync([MetricsStoreScenarios.Push("psh_a")]);
        var metrics = new MetricsStore(connections);
        var first = await metrics.RecordAsync([MetricsStoreScenarios.Write("psh_a", at: 1_000, views: 10)], receivedAt: 1_000);
        Assert.Equal([true], first);

        await using var other = await LockAsync(connections, "psh_a");
        await other.Connection.ExecuteAsync("UPDATE pushes SET metrics_at = 2000, views = 50 WHERE id = 'psh_a'", transaction: other.Transaction);
        var record = metrics.RecordAsync([MetricsStoreScenarios.Write("psh_a", at: 3_000, views: 70)], receivedAt: 3_000);
        await Poll.Until(() => Db.WaitingForALockAsync(Settings));
        await other.Transaction.CommitAsync();

        var applied = await record.WaitAsync(Patience);
        Assert.Equal([true], applied);
        // 70 − 50: without `FOR UPDATE OF p` in PostgresMetricsWrite's `locked` the push's views are read as the
        // statement's snapshot saw them (10), and 60 views that never happened are added to the campaign's curve.
        Assert.Equal(20, await Db.ScalarLongAsync(Settings, "SELECT views FROM campaign_views WHERE at_second = 3"));
    }

    [ProviderFact]
    public async Task Two_checked_batches_racing_on_one_push_are_judged_one_after_the_other()
    {
        DatabaseMigrator.Migrate(Settings);
        var connections = new DbConnectionFactory(Settings);
        await new OwnerPushes(connections).InsertAsync([MetricsStoreScenarios.Push("psh_a")]);
        var metrics = new MetricsStore(connections);
        await metrics.RecordCheckedAsync([MetricsStoreScenarios.Write("psh_a", at: 1_000, views: 10)], 1_000, MetricsStoreScenarios.ViewsNeverDecrease);
        var judged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();

        // Batch A is held between its judging and its write: 40 views at 3 s, fine against the stored 10.
        var first = Task.Run(() => metrics.RecordCheckedAsync([MetricsStoreScenarios.Write("psh_a", at: 3_000, views: 40)], 3_000, (push, incoming) =>
        {
            judged.TrySetResult();
            release.Wait(Patience);
            return MetricsStoreScenarios.ViewsNeverDecrease(push, incoming);
        }));
        await judged.Task.WaitAsync(Patience);
        // Batch B: 30 views at 4 s, fine against the stored 10, a decrease against A's 40.
        var second = metrics.RecordCheckedAsync([MetricsStoreScenarios.Write("psh_a", at: 4_000, views: 30)], 4_000, MetricsStoreScenarios.ViewsNeverDecrease);
        await Poll.Until(async () => second.IsCompleted || await Db.WaitingForALockAsync(Settings));
        release.Set();

        Assert.True((await first.WaitAsync(Patience)).Single().Applied);
        // Without `FOR UPDATE OF p` in PostgresCheckedMetricsWrite.LockSql, B reads the push while A holds no lock on it,
        // is judged against the stored 10 views, accepted, and the push's latest goes down from 40 to 30.
        var b = (await second.WaitAsync(Patience)).Single();
        Assert.False(b.Accepted);
        Assert.Equal((3_000L, 40L), (b.Push!.MetricsAt!.Value, b.Push.Views));
        var latest = await new PushQueries(connections).GetAsync(MetricsStoreScenarios.Agency, "psh_a");
        Assert.Equal((3_000L, 40L), (latest!.MetricsAt!.Value, latest.Views));
    }

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private async Task<(PushClaims Claims, PushQueries Queries, DbConnectionFactory Connections)> ThreeClaimedPushesAsync()
    {
        DatabaseMigrator.Migrate(Settings);
        var connections = new DbConnectionFactory(Settings);
        var claims = new PushClaims(connections);
        await new OwnerPushes(connections).InsertAsync([Push("psh_1", Now), Push("psh_2", Now), Push("psh_3", Now)]);
        Assert.Equal(3, (await claims.ClaimDueAsync(Now + Second, 10, new PushLease(Alive, Now + Lease), Now)).Count);
        return (claims, new PushQueries(connections), connections);
    }

    /// <summary>A transaction holding the row of <paramref name="id"/> locked until it is disposed (rolled back).</summary>
    private static async Task<HeldLock> LockAsync(DbConnectionFactory connections, string id)
    {
        var connection = await connections.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SELECT id FROM pushes WHERE id = @id FOR UPDATE", new { id }, transaction);
        return new HeldLock(connection, transaction);
    }

    private static PushKey Key(string id) => new(Agency, id);

    private static PushOutcomeUpdate Published(string id) =>
        new(Agency, id, PushTransition.Publish, Alive, 1, Now, null, "post_" + id, Now, Now, Now);

    private sealed class HeldLock(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction) : IAsyncDisposable
    {
        private bool _disposed;

        public System.Data.Common.DbConnection Connection => connection;

        public System.Data.Common.DbTransaction Transaction => transaction;

        public async ValueTask DisposeAsync()
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
