
using Campaigns.Storage.Agencies;
using Campaigns.Testing;
using Dapper;
namespace Campaigns.Storage.Tests;

/// <summary>
/// Agencies' API keys per provider: the single key each agency held before keys had a table of their own still works
/// after the migration, an agency never loses its last key, and the cap holds.
/// </summary>
public abstract class ApiKeyStoreScenarios
{
    private const long Now = 1_800_000_000_000;

    protected abstract StorageSettings Settings { get; }

    [ProviderFact]
    public async Task The_key_an_agency_held_before_the_keys_table_is_its_first_key_afterwards()
    {
        // The schema as it was before keys had a table: one hash on the agency row.
        DatabaseMigrator.Migrate(Settings, null, script => string.CompareOrdinal(script, "1400") < 0);
        await using (var connection = await new DbConnectionFactory(Settings).OpenAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO agencies (id, name, key_hash, created_at) VALUES ('agy_0190000000000000abcdef', 'Old Agency', 'old-hash', @Now)", new { Now });
        }

        DatabaseMigrator.Migrate(Settings);

        var keys = new ApiKeyStore(new DbConnectionFactory(Settings));
        var key = await keys.FindByHashAsync("old-hash");
        Assert.NotNull(key);
        Assert.Equal(("agy_0190000000000000abcdef", "key_0190000000000000abcdef", "initial", Now, (long?)null),
            (key.AgencyId, key.Id, key.Name, key.CreatedAt, key.LastUsedAt));
        var agencyColumns = await Db.StringsAsync(Settings, Settings.Provider == StorageProvider.Sqlite
            ? "SELECT name FROM pragma_table_info('agencies')"
            : "SELECT column_name::text FROM information_schema.columns WHERE table_name = 'agencies'");
        Assert.Equal(["created_at", "id", "name"], agencyColumns.Order());
    }

    [ProviderFact]
    public async Task Two_concurrent_deletes_of_an_agencys_two_keys_leave_it_one()
    {
        DatabaseMigrator.Migrate(Settings);
        var connections = new DbConnectionFactory(Settings);
        var agencies = new AgencyStore(connections);
        var keys = new ApiKeyStore(connections);
        // Each delete alone passes "not the last key"; locking the agency row (ApiKeyStore.LockAgencyAsync, FOR UPDATE on
        // PostgreSQL) makes the second see the first. Without it both can delete: a race, so it is run a few times.
        for (var round = 0; round < 10; round++)
        {
            var agency = $"agy_{round}";
            await agencies.CreateAsync(new AgencyRecord(agency, "A", Now), Key(agency, $"key_{round}_1"));
            Assert.Equal(ApiKeyChange.Done, await keys.AddAsync(Key(agency, $"key_{round}_2"), maxKeys: 10));

            var results = await Task.WhenAll(keys.DeleteAsync(agency, $"key_{round}_1"), keys.DeleteAsync(agency, $"key_{round}_2"));

            Assert.Equal([ApiKeyChange.Done, ApiKeyChange.LastKey], results.Select(r => r.Change).Order());
            Assert.Single((await keys.ListAsync(agency, null, 10)).Keys);
        }
    }

    [ProviderFact]
    public async Task A_key_is_added_only_to_an_existing_agency_under_its_cap_and_deleted_only_by_its_own_agency()
    {
        DatabaseMigrator.Migrate(Settings);
        var connections = new DbConnectionFactory(Settings);
        var agencies = new AgencyStore(connections);
        await agencies.CreateAsync(new AgencyRecord("agy_a", "A", Now), Key("agy_a", "key_a1"));
        await agencies.CreateAsync(new AgencyRecord("agy_b", "B", Now), Key("agy_b", "key_b1"));
        var keys = new ApiKeyStore(connections);

        Assert.Equal(ApiKeyChange.AgencyNotFound, await keys.AddAsync(Key("agy_none", "key_x"), maxKeys: 10));
        Assert.Equal(ApiKeyChange.Done, await keys.AddAsync(Key("agy_a", "key_a2"), maxKeys: 2));
        Assert.Equal(ApiKeyChange.TooManyKeys, await keys.AddAsync(Key("agy_a", "key_a3"), maxKeys: 2));
        Assert.Equal(ApiKeyChange.KeyNotFound, (await keys.DeleteAsync("agy_b", "key_a2")).Change);
        Assert.Equal((ApiKeyChange.Done, "hash-key_a2"), await keys.DeleteAsync("agy_a", "key_a2"));
        Assert.Null(await keys.FindByHashAsync("hash-key_a2"));
        Assert.Equal(ApiKeyChange.LastKey, (await keys.DeleteAsync("agy_a", "key_a1")).Change);
        Assert.Equal(["key_a1"], (await keys.ListAsync("agy_a", null, 10)).Keys.Select(k => k.Id));
    }

    private static ApiKeyRecord Key(string agencyId, string id) =>
        new() { AgencyId = agencyId, Id = id, Name = id, KeyHash = "hash-" + id, CreatedAt = Now };
}

public sealed class SqliteApiKeyStoreTests : ApiKeyStoreScenarios, IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    protected override StorageSettings Settings => new(StorageProvider.Sqlite, _database.ConnectionString);

    public void Dispose() => _database.Dispose();
}

[RequiresPostgres]
public sealed class PostgresApiKeyStoreTests : ApiKeyStoreScenarios, IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    protected override StorageSettings Settings => new(StorageProvider.PostgreSql, _database.ConnectionString);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();
}
