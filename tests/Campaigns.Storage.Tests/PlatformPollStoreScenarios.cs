using Campaigns.Domain.Pushes;
using Campaigns.Storage.Polling;
using Campaigns.Storage.Pushes;
using Campaigns.Testing;
using Dapper;

namespace Campaigns.Storage.Tests;

/// <summary>
/// The platform poller's schedule, per provider: newly published pushes are found once and told apart (on a platform
/// or not), due pushes come back in due order with their latest snapshot, and connected accounts are due for their
/// followers until polled.
/// </summary>
public abstract class PlatformPollStoreScenarios
{
    private const string Agency = PushStorageScenarios.Agency;
    private const long Second = PushStorageScenarios.Second, Now = PushStorageScenarios.Now;

    protected abstract StorageSettings Settings { get; }

    private async Task<PlatformPollStore> StoreAsync()
    {
        DatabaseMigrator.Migrate(Settings);
        var connections = new DbConnectionFactory(Settings);
        await new OwnerPushes(connections).InsertAsync([
            Published("psh_platform", "acc_tiktok", "7300000000000000001"),
            Published("psh_sandbox", "acc_sandbox", "sbx_1"),
            PushStorageScenarios.Push("psh_waiting", dueAt: Now),
        ]);
        await using var connection = await connections.OpenAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO accounts (agency_id, id, platform, handle_key, kind, status, followers, version, created_at, updated_at, document, credential_status)
            VALUES (@Agency, 'acc_tiktok', 'tiktok', 'a', 'brand', 'active', 0, 1, 0, 0, '{}', 'connected'),
                   (@Agency, 'acc_reauth', 'tiktok', 'b', 'brand', 'active', 0, 1, 0, 0, '{}', 'needs-reauth'),
                   (@Agency, 'acc_sandbox', 'tiktok', 'c', 'brand', 'active', 0, 1, 0, 0, '{}', NULL)
            """, new { Agency });
        await connection.ExecuteAsync("UPDATE pushes SET metrics_at = @at, views = 500 WHERE id = 'psh_platform'", new { at = Now + Second });
        return new PlatformPollStore(connections);
    }

    [ProviderFact]
    public async Task Newly_published_pushes_are_found_once_and_due_ones_come_back_with_their_latest_snapshot()
    {
        var store = await StoreAsync();

        var found = (await store.UnscheduledAsync(10)).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        Assert.Equal([("psh_platform", 1), ("psh_sandbox", 0)], found.Select(p => (p.Id, p.OnPlatform)));
        await store.ScheduleAsync([(new PollKey(Agency, "psh_platform"), Now + 10 * Second), (new PollKey(Agency, "psh_sandbox"), PlatformPollStore.Never)]);
        Assert.Empty(await store.UnscheduledAsync(10));

        Assert.Empty(await store.DueAsync(Now + 9 * Second, 0, "", "", 10));
        var due = Assert.Single(await store.DueAsync(Now + 10 * Second, 0, "", "", 10));
        Assert.Equal(("psh_platform", Now + 10 * Second, 500L, "7300000000000000001"), (due.Push.Id, due.PollAt, due.Push.Views, due.Push.PlatformPostId));
        Assert.Empty(await store.DueAsync(Now + 10 * Second, due.PollAt, Agency, due.Push.Id, 10)); // the cursor moves past it

        await store.ScheduleAsync([(new PollKey(Agency, "psh_platform"), PlatformPollStore.Never)]);
        Assert.Empty(await store.DueAsync(long.MaxValue, 0, "", "", 10)); // past its horizon: never again
    }

    [ProviderFact]
    public async Task Connected_accounts_are_due_for_their_followers_until_polled_then_a_day_later()
    {
        var store = await StoreAsync();
        var day = 86_400 * Second;

        Assert.Equal([new PollKey(Agency, "acc_tiktok")], await store.FollowersDueAsync(Now - day, "", "", 10));
        await store.FollowersPolledAsync([new PollKey(Agency, "acc_tiktok")], Now);

        Assert.Empty(await store.FollowersDueAsync(Now - 1, "", "", 10));
        Assert.Equal([new PollKey(Agency, "acc_tiktok")], await store.FollowersDueAsync(Now, "", "", 10));
    }

    private static PushRow Published(string id, string accountId, string postId)
    {
        var push = PushStorageScenarios.Push(id, dueAt: Now - 60 * Second, status: PushStatus.Published);
        push.AccountId = accountId;
        push.Platform = "tiktok";
        push.PlatformPostId = postId;
        push.PublishedAt = Now - 30 * Second;
        return push;
    }
}

public sealed class SqlitePlatformPollStoreTests : PlatformPollStoreScenarios, IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    protected override StorageSettings Settings => new(StorageProvider.Sqlite, _database.ConnectionString);

    public void Dispose() => _database.Dispose();
}

[RequiresPostgres]
public sealed class PostgresPlatformPollStoreTests : PlatformPollStoreScenarios, IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    protected override StorageSettings Settings => new(StorageProvider.PostgreSql, _database.ConnectionString);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();
}
