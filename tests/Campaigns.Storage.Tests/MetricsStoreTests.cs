
using Campaigns.Domain.Pushes;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Feedback;
using Campaigns.Storage.Pushes;
using Campaigns.Testing;
namespace Campaigns.Storage.Tests;

/// <summary>
/// The one write path of engagement snapshots (API, callbacks and sandbox feed): every snapshot kept in the history,
/// only a newer one made the push's latest, in batches of any size, on both engines.
/// </summary>
internal static class MetricsStoreScenarios
{
    internal const string Agency = "agy_metrics";

    public static async Task Only_the_newest_snapshot_of_a_push_becomes_its_latest_and_all_are_kept(StorageSettings settings)
    {
        DatabaseMigrator.Migrate(settings);
        var connections = new DbConnectionFactory(settings);
        await new OwnerPushes(connections).InsertAsync([Push("psh_a"), Push("psh_b")]);
        var metrics = new MetricsStore(connections);

        var first = await metrics.RecordAsync(
        [
            Write("psh_a", at: 2_000, views: 20), Write("psh_a", at: 1_000, views: 10), Write("psh_b", at: 5_000, views: 7),
        ], receivedAt: 9_000);
        var second = await metrics.RecordAsync(
        [
            Write("psh_a", at: 1_500, views: 15), Write("psh_a", at: 2_000, views: 20), Write("psh_b", at: 6_000, views: 8),
        ], receivedAt: 9_500);

        Assert.Equal([true, false, true], first);
        Assert.Equal([false, false, true], second);
        Assert.Equal([1_000L, 1_500, 2_000], (await metrics.HistoryAsync(Agency, "psh_a", long.MinValue, 10)).Select(m => m.At));
        var pushes = new PushQueries(connections);
        Assert.Equal((2_000L, 20L), Latest(await pushes.GetAsync(Agency, "psh_a")));
        Assert.Equal((6_000L, 8L), Latest(await pushes.GetAsync(Agency, "psh_b")));
        // Views over time: each change of a push's latest, at the second it was taken.
        Assert.Equal(["2:20", "5:7", "6:1"], await Db.StringsAsync(settings,
            "SELECT CAST(at_second AS TEXT) || ':' || CAST(views AS TEXT) FROM campaign_views ORDER BY at_second"));
    }

    public static async Task A_batch_larger_than_one_statement_is_written_whole(StorageSettings settings)
    {
        DatabaseMigrator.Migrate(settings);
        var connections = new DbConnectionFactory(settings);
        var ids = Enumerable.Range(0, 1_250).Select(i => $"psh_{i:D5}").ToList();
        await new OwnerPushes(connections).InsertAsync(ids.Select(Push).ToList());

        var applied = await new MetricsStore(connections).RecordAsync(ids.Select((id, i) => Write(id, at: 1_000 + i, views: i)).ToList(), receivedAt: 5_000);

        Assert.All(applied, Assert.True);
        Assert.Equal(1_250, await Db.ScalarLongAsync(settings, "SELECT COUNT(*) FROM pushes WHERE metrics_at IS NOT NULL AND views = metrics_at - 1000"));
        Assert.Equal(1_250, await Db.ScalarLongAsync(settings, "SELECT COUNT(*) FROM push_metrics"));
    }

    public static async Task Of_two_snapshots_of_a_push_at_one_instant_the_first_is_kept_and_becomes_the_latest(StorageSettings settings)
    {
        DatabaseMigrator.Migrate(settings);
        var connections = new DbConnectionFactory(settings);
        await new OwnerPushes(connections).InsertAsync([Push("psh_a")]);
        var metrics = new MetricsStore(connections);

        var applied = await metrics.RecordAsync([Write("psh_a", at: 1_000, views: 10), Write("psh_a", at: 1_000, views: 12)], receivedAt: 2_000);

        Assert.Equal([true, false], applied);
        Assert.Equal([10L], (await metrics.HistoryAsync(Agency, "psh_a", long.MinValue, 10)).Select(m => m.Views));
        Assert.Equal((1_000L, 10L), Latest(await new PushQueries(connections).GetAsync(Agency, "psh_a")));
        Assert.Equal(10, await Db.ScalarLongAsync(settings, "SELECT views FROM campaign_views WHERE at_second = 1"));
    }

    public static async Task Snapshots_of_one_push_in_one_checked_batch_are_judged_in_arrival_order(StorageSettings settings)
    {
        DatabaseMigrator.Migrate(settings);
        var connections = new DbConnectionFactory(settings);
        await new OwnerPushes(connections).InsertAsync([Push("psh_a")]);
        var metrics = new MetricsStore(connections);

        var checks = await metrics.RecordCheckedAsync(
        [
            Write("psh_a", at: 2_000, views: 20), Write("psh_a", at: 3_000, views: 15), Write("psh_a", at: 1_500, views: 5),
            Write("psh_none", at: 2_000, views: 1), Write("psh_a", at: 4_000, views: 30),
        ], receivedAt: 9_000, ViewsNeverDecrease);

        // The second is judged against the first, which became the latest: 15 < 20 is refused. Without the in-batch
        // fold in MetricsFold.Of (`current[…] = WithLatest(push, write.Metrics)`) it is judged against the stored row,
        // which has no latest yet, and is accepted and made the latest.
        Assert.Equal([(true, true), (false, false), (true, false), (false, false), (true, true)], checks.Select(c => (c.Accepted, c.Applied)));
        Assert.Equal([(long?)null, 2_000, 2_000, null, 2_000], checks.Select(c => c.Push?.MetricsAt));
        Assert.Null(checks[3].Push);
        Assert.Equal([1_500L, 2_000, 4_000], (await metrics.HistoryAsync(Agency, "psh_a", long.MinValue, 10)).Select(m => m.At));
        Assert.Equal((4_000L, 30L), Latest(await new PushQueries(connections).GetAsync(Agency, "psh_a")));
        // Each applied snapshot adds its increase over the latest it replaced, at its own second.
        Assert.Equal(["2:20", "4:10"], await Db.StringsAsync(settings,
            "SELECT CAST(at_second AS TEXT) || ':' || CAST(views AS TEXT) FROM campaign_views ORDER BY at_second"));
    }

    public static async Task A_checked_write_refuses_what_the_rules_refuse_and_writes_nothing_for_it(StorageSettings settings)
    {
        DatabaseMigrator.Migrate(settings);
        var connections = new DbConnectionFactory(settings);
        await new OwnerPushes(connections).InsertAsync([Push("psh_a"), Push("psh_b")]);
        var metrics = new MetricsStore(connections);

        var checks = await metrics.RecordCheckedAsync(
            [Write("psh_a", at: 2_000, views: 20), Write("psh_b", at: 2_000, views: 7)], receivedAt: 9_000, (push, _) => push.Id != "psh_a");

        Assert.Equal([false, true], checks.Select(c => c.Accepted));
        Assert.Equal(PushStatus.Published, checks[0].Push!.Lifecycle);
        Assert.Empty(await metrics.HistoryAsync(Agency, "psh_a", long.MinValue, 10));
        Assert.Equal((-1L, 0L), Latest(await new PushQueries(connections).GetAsync(Agency, "psh_a")));
        Assert.Equal((2_000L, 7L), Latest(await new PushQueries(connections).GetAsync(Agency, "psh_b")));
    }

    /// <summary>A stand-in for the rules (they live with the grains): a newer snapshot's views may not go down.</summary>
    internal static bool ViewsNeverDecrease(PushRow push, MetricsRow incoming) =>
        push.MetricsAt is not { } at || incoming.At <= at || incoming.Views >= push.Views;

    private static (long, long) Latest(PushRow? row) => (row!.MetricsAt ?? -1, row.Views);

    internal static MetricsWrite Write(string pushId, long at, long views) =>
        new(Agency, pushId, new MetricsRow(at, views, views / 10, 0, 0, 0, 0, 0));

    internal static PushRow Push(string id) => new()
    {
        AgencyId = Agency, Id = id, CampaignId = "cam_metrics", AccountId = "acc_1", VideoId = "vid_1", Platform = "douyin",
        Lifecycle = PushStatus.Published, PublishedAt = 500, ScheduledAt = 500, DueAt = 500, UpdatedAt = 500,
    };
}

public sealed class SqliteMetricsStoreTests : IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    private StorageSettings Settings => new(StorageProvider.Sqlite, _database.ConnectionString);

    public void Dispose() => _database.Dispose();

    [Fact]
    public Task Only_the_newest_snapshot_of_a_push_becomes_its_latest_and_all_are_kept() =>
        MetricsStoreScenarios.Only_the_newest_snapshot_of_a_push_becomes_its_latest_and_all_are_kept(Settings);

    [Fact]
    public Task A_batch_larger_than_one_statement_is_written_whole() =>
        MetricsStoreScenarios.A_batch_larger_than_one_statement_is_written_whole(Settings);

    [Fact]
    public Task Of_two_snapshots_of_a_push_at_one_instant_the_first_is_kept_and_becomes_the_latest() =>
        MetricsStoreScenarios.Of_two_snapshots_of_a_push_at_one_instant_the_first_is_kept_and_becomes_the_latest(Settings);

    [Fact]
    public Task Snapshots_of_one_push_in_one_checked_batch_are_judged_in_arrival_order() =>
        MetricsStoreScenarios.Snapshots_of_one_push_in_one_checked_batch_are_judged_in_arrival_order(Settings);

    [Fact]
    public Task A_checked_write_refuses_what_the_rules_refuse_and_writes_nothing_for_it() =>
        MetricsStoreScenarios.A_checked_write_refuses_what_the_rules_refuse_and_writes_nothing_for_it(Settings);
}

public sealed class PostgresMetricsStoreTests : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    private StorageSettings Settings => new(StorageProvider.PostgreSql, _database.ConnectionString);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [PostgresFact]
    public Task Only_the_newest_snapshot_of_a_push_becomes_its_latest_and_all_are_kept() =>
        MetricsStoreScenarios.Only_the_newest_snapshot_of_a_push_becomes_its_latest_and_all_are_kept(Settings);

    [PostgresFact]
    public Task A_batch_larger_than_one_statement_is_written_whole() =>
        MetricsStoreScenarios.A_batch_larger_than_one_statement_is_written_whole(Settings);

    [PostgresFact]
    public Task Of_two_snapshots_of_a_push_at_one_instant_the_first_is_kept_and_becomes_the_latest() =>
        MetricsStoreScenarios.Of_two_snapshots_of_a_push_at_one_instant_the_first_is_kept_and_becomes_the_latest(Settings);

    [PostgresFact]
    public Task Snapshots_of_one_push_in_one_checked_batch_are_judged_in_arrival_order() =>
        MetricsStoreScenarios.Snapshots_of_one_push_in_one_checked_batch_are_judged_in_arrival_order(Settings);

    [PostgresFact]
    public Task A_checked_write_refuses_what_the_rules_refuse_and_writes_nothing_for_it() =>
        MetricsStoreScenarios.A_checked_write_refuses_what_the_rules_refuse_and_writes_nothing_for_it(Settings);
}
