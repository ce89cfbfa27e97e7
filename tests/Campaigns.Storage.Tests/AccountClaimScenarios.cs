
using Campaigns.Storage.Accounts;
using Campaigns.Testing;
namespace Campaigns.Storage.Tests;

/// <summary>
/// How account creation claims a handle in the read model, per provider: the row, all its tags and the first point of
/// its follower history are written by one transaction; a claim that loses the handle writes none of them; releasing
/// a claim removes all of them.
/// </summary>
public abstract class AccountClaimScenarios
{
    private const string Agency = "agy_claims";

    protected abstract StorageSettings Settings { get; }

    private static AccountRow Row(string id, string handle, int tags) => new(
        Agency, id, "douyin", handle, "acme", "brand", "active", Followers: 1_234, Version: 1, CreatedAt: 1_000, UpdatedAt: 1_000, Document: "{}",
        Enumerable.Range(0, tags).ToDictionary(i => $"tag {i}", i => i / 100.0))
    {
        ConnectorSecret = "s3cret",
    };

    private async Task<(long Rows, long Tags, long Points)> StoredAsync(string id) => (
        await Db.ScalarLongAsync(Settings, $"SELECT COUNT(*) FROM accounts WHERE agency_id = '{Agency}' AND id = '{id}'"),
        await Db.ScalarLongAsync(Settings, $"SELECT COUNT(*) FROM account_tags WHERE agency_id = '{Agency}' AND account_id = '{id}'"),
        await Db.ScalarLongAsync(Settings, $"SELECT COUNT(*) FROM follower_snapshots WHERE agency_id = '{Agency}' AND account_id = '{id}' AND count = 1234"));

    [ProviderFact]
    public async Task A_claim_writes_the_row_every_tag_and_the_first_follower_point_together()
    {
        DatabaseMigrator.Migrate(Settings);
        var store = new AccountStore(new DbConnectionFactory(Settings));

        Assert.True(await store.TryInsertAsync(Row("acc_1", "first", tags: 50), followersAt: 1_000));

        Assert.Equal((1, 50, 1), await StoredAsync("acc_1"));
        Assert.Equal("acc_1", await store.FindIdByHandleAsync(Agency, "douyin", "first"));
    }

    [ProviderFact]
    public async Task A_claim_that_loses_the_handle_writes_neither_tags_nor_follower_point()
    {
        DatabaseMigrator.Migrate(Settings);
        var store = new AccountStore(new DbConnectionFactory(Settings));
        Assert.True(await store.TryInsertAsync(Row("acc_1", "taken", tags: 2), followersAt: 1_000));

        // Guard: `if (inserted == 0) return false;` in AccountStore.TryInsertAsync (SQLite; on PostgreSQL the failing
        // first statement rolls back the batch). Without it the loser's tags and follower point are written (and
        // committed) beside the winner's row.
        Assert.False(await store.TryInsertAsync(Row("acc_2", "taken", tags: 3), followersAt: 2_000));

        Assert.Equal((0, 0, 0), await StoredAsync("acc_2"));
        Assert.Equal((1, 2, 1), await StoredAsync("acc_1"));
    }

    [ProviderFact]
    public async Task A_claim_with_state_stores_it_and_later_writes_are_conditional_on_its_etag()
    {
        DatabaseMigrator.Migrate(Settings);
        var connections = new DbConnectionFactory(Settings);
        var (store, states) = (new AccountStore(connections), new AccountStateStore(connections));
        Assert.Null(await states.ReadAsync(Agency, "acc_1")); // never created: no row, so no state anywhere

        Assert.True(await store.TryInsertAsync(Row("acc_1", "stateful", tags: 2), followersAt: 1_000, State("acc_1", "v1")));
        Assert.Equal(new AccountStateRead(State("acc_1", "v1"), 1, null), await states.ReadAsync(Agency, "acc_1"));

        // Guarded by `AND etag = @Etag` in AccountStateStore.TryUpdateAsync: without it a writer holding an old etag
        // overwrites the newer state.
        Assert.True(await states.TryUpdateAsync(State("acc_1", "v2") with { Tokens = "t", Unprojected = true }, etag: 1));
        Assert.False(await states.TryUpdateAsync(State("acc_1", "stale"), etag: 1));
        Assert.False(await states.TryInsertAsync(State("acc_1", "again")));
        Assert.Equal(new AccountStateRead(State("acc_1", "v2") with { Tokens = "t", Unprojected = true }, 2, null), await states.ReadAsync(Agency, "acc_1"));

        // A claim that loses its handle stores no state either.
        Assert.False(await store.TryInsertAsync(Row("acc_2", "stateful", tags: 1), followersAt: null, State("acc_2", "lost")));
        Assert.Equal(0L, await Db.ScalarLongAsync(Settings, $"SELECT COUNT(*) FROM account_states WHERE agency_id = '{Agency}' AND id = 'acc_2'"));
    }

    [ProviderFact]
    public async Task A_claim_whose_state_cannot_be_written_writes_nothing()
    {
        DatabaseMigrator.Migrate(Settings);
        var connections = new DbConnectionFactory(Settings);
        var (store, states) = (new AccountStore(connections), new AccountStateStore(connections));
        Assert.True(await states.TryInsertAsync(State("acc_3", "in the way"))); // the state insert of the claim will fail

        // Guarded, on PostgreSQL, by sending the statements as one batch without a transaction of their own (PostgreSQL
        // runs a batch as one implicit transaction) and, on SQLite, by the explicit transaction: committed statement by
        // statement, the row, tags and follower point would stay behind without a state.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            store.TryInsertAsync(Row("acc_3", "half", tags: 2), followersAt: 1_000, State("acc_3", "new")));

        Assert.Equal((0, 0, 0), await StoredAsync("acc_3"));
    }

    [ProviderFact]
    public async Task An_imported_row_without_state_reads_as_its_import()
    {
        DatabaseMigrator.Migrate(Settings);
        var connections = new DbConnectionFactory(Settings);
        var (store, states) = (new AccountStore(connections), new AccountStateStore(connections));
        Assert.True(await store.ImportAsync([new ImportedAccountRow(Row("acc_1", "imported", tags: 1) with { Document = "{\"v\":0}" }, "sec", null)], 0));

        Assert.Equal(new AccountStateRead(null, 0, new AdoptableAccount("{\"v\":0}", "sec")), await states.ReadAsync(Agency, "acc_1"));
        Assert.True(await states.TryInsertAsync(State("acc_1", "adopted")));
        Assert.Equal(1L, (await states.ReadAsync(Agency, "acc_1"))!.Etag);
    }

    private static AccountStateRow State(string id, string document) => new(Agency, id, document, "s3cret", null, false);

    [ProviderFact]
    public async Task Releasing_a_claim_removes_its_row_tags_and_follower_point()
    {
        DatabaseMigrator.Migrate(Settings);
        var store = new AccountStore(new DbConnectionFactory(Settings));
        Assert.True(await store.TryInsertAsync(Row("acc_1", "released", tags: 3), followersAt: 1_000));

        await store.DeleteAsync(Agency, "acc_1");

        Assert.Equal((0, 0, 0), await StoredAsync("acc_1"));
        Assert.True(await store.TryInsertAsync(Row("acc_2", "released", tags: 1), followersAt: 3_000));
    }
}

public sealed class SqliteAccountClaimTests : AccountClaimScenarios, IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    protected override StorageSettings Settings => new(StorageProvider.Sqlite, _database.ConnectionString);

    public void Dispose() => _database.Dispose();
}

[RequiresPostgres]
public sealed class PostgresAccountClaimTests : AccountClaimScenarios, IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    protected override StorageSettings Settings => new(StorageProvider.PostgreSql, _database.ConnectionString);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();
}
