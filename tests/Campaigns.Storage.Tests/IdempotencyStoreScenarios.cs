using Campaigns.Storage.Idempotency;
using Campaigns.Testing;

namespace Campaigns.Storage.Tests;

/// <summary>
/// Idempotency-Key claims per provider: a claim left unfinished past <see cref="IdempotencyStore.AbandonedAfter"/>
/// may be taken over, and from then on its first holder can neither store its answer nor release the key.
/// </summary>
public abstract class IdempotencyStoreScenarios
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);

    protected abstract StorageSettings Settings { get; }

    [ProviderFact]
    public async Task The_first_holder_of_a_taken_over_claim_cannot_overwrite_or_release_it()
    {
        DatabaseMigrator.Migrate(Settings);
        var store = new IdempotencyStore(new DbConnectionFactory(Settings));
        var first = await store.ClaimAsync("agy_a", "key-1", "hash", Start);
        Assert.Equal(IdempotencyClaimResult.InProgress, (await store.ClaimAsync("agy_a", "key-1", "hash", Start + TimeSpan.FromMinutes(1))).Result);

        var retry = await store.ClaimAsync("agy_a", "key-1", "hash", Start + IdempotencyStore.AbandonedAfter + TimeSpan.FromSeconds(1));
        Assert.Equal(IdempotencyClaimResult.Claimed, retry.Result);
        Assert.NotEqual(first.Token, retry.Token);

        // The first holder finishes late: with the token condition in CompleteAsync and ReleaseAsync removed, its
        // answer would replace the retry's (or its release would delete the retry's claim).
        Assert.False(await store.ReleaseAsync("agy_a", "key-1", first.Token!));
        Assert.True(await store.CompleteAsync("agy_a", "key-1", retry.Token!, Response(201, "retry"), Start + TimeSpan.FromMinutes(3)));
        Assert.False(await store.CompleteAsync("agy_a", "key-1", first.Token!, Response(201, "first"), Start + TimeSpan.FromMinutes(4)));

        var replay = await store.ClaimAsync("agy_a", "key-1", "hash", Start + TimeSpan.FromMinutes(5));
        Assert.Equal(IdempotencyClaimResult.Replay, replay.Result);
        Assert.Equal("retry", System.Text.Encoding.UTF8.GetString(replay.Response!.Body));
    }

    [ProviderFact]
    public async Task A_late_first_holder_cannot_complete_a_claim_taken_over_and_still_running()
    {
        DatabaseMigrator.Migrate(Settings);
        var store = new IdempotencyStore(new DbConnectionFactory(Settings));
        var first = await store.ClaimAsync("agy_a", "key-2", "hash", Start);
        var retry = await store.ClaimAsync("agy_a", "key-2", "hash", Start + IdempotencyStore.AbandonedAfter + TimeSpan.FromSeconds(1));

        Assert.False(await store.CompleteAsync("agy_a", "key-2", first.Token!, Response(201, "first"), Start + TimeSpan.FromMinutes(3)));

        // The retry is still the holder: another retry waits for it, and it alone stores the answer.
        Assert.Equal(IdempotencyClaimResult.InProgress, (await store.ClaimAsync("agy_a", "key-2", "hash", Start + TimeSpan.FromMinutes(3))).Result);
        Assert.True(await store.ReleaseAsync("agy_a", "key-2", retry.Token!));
        Assert.Equal(IdempotencyClaimResult.Claimed, (await store.ClaimAsync("agy_a", "key-2", "hash", Start + TimeSpan.FromMinutes(3))).Result);
    }

    private static StoredResponse Response(int status, string body) =>
        new(status, "application/json", null, System.Text.Encoding.UTF8.GetBytes(body));
}

public sealed class SqliteIdempotencyStoreTests : IdempotencyStoreScenarios, IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    protected override StorageSettings Settings => new(StorageProvider.Sqlite, _database.ConnectionString);

    public void Dispose() => _database.Dispose();
}

[RequiresPostgres]
public sealed class PostgresIdempotencyStoreTests : IdempotencyStoreScenarios, IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    protected override StorageSettings Settings => new(StorageProvider.PostgreSql, _database.ConnectionString);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();
}
