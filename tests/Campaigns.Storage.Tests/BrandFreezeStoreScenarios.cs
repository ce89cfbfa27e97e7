
using Campaigns.Domain.Pushes;
using Campaigns.Storage.Brands;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Pushes;
using Campaigns.Testing;
namespace Campaigns.Storage.Tests;

/// <summary>
/// What the brand grain keeps in tables, per provider: the pushes no campaign owns that a freeze holds and releases,
/// and the brand's registered campaigns. (The freeze itself is the grain's state; see the grain tests.)
/// </summary>
public abstract class BrandFreezeStoreScenarios
{
    private const string Agency = PushStorageScenarios.Agency;
    private const long Second = PushStorageScenarios.Second, Now = PushStorageScenarios.Now;

    protected abstract StorageSettings Settings { get; }

    [ProviderFact]
    public async Task A_brand_freeze_holds_and_releases_only_the_brands_pushes_that_no_campaign_owns()
    {
        DatabaseMigrator.Migrate(Settings);
        var connections = new DbConnectionFactory(Settings);
        var (freezes, owners, claims) = (new BrandFreezeStore(connections), new OwnerPushes(connections), new PushClaims(connections));
        string[] owned = ["sch_", "exc_"];
        await owners.InsertAsync([
            PushStorageScenarios.Push("psh_sch", dueAt: Now, owner: "sch_1", brand: "frost"),
            PushStorageScenarios.Push("psh_exc", dueAt: Now + Second, owner: "exc_1", brand: "frost"),
            PushStorageScenarios.Push("psh_cam", dueAt: Now, owner: "cam_1", brand: "frost"),
            PushStorageScenarios.Push("psh_sun", dueAt: Now, owner: "sch_2", brand: "sun"),
            PushStorageScenarios.Push("psh_done", dueAt: Now, owner: "sch_1", brand: "frost", status: PushStatus.Published),
        ]);
        var lease = new PushLease(PushStorageScenarios.Alive, Now + PushStorageScenarios.Lease);

        Assert.Equal(2, await freezes.HoldAsync(Agency, "frost", owned, Now));
        Assert.Equal(0, await freezes.HoldAsync(Agency, "frost", owned, Now)); // held already: nothing more to hold
        Assert.Equal(["psh_cam", "psh_sun"], (await claims.ClaimDueAsync(Now + 2 * Second, 10, lease, Now)).Select(p => p.Id).Order());

        var (released, due) = await freezes.ReleaseAsync(Agency, "frost", owned, Now + 5 * Second);
        Assert.Equal(2, released);
        Assert.Equal([Now, Now + Second], due);
        Assert.Equal(["psh_exc", "psh_sch"], (await claims.ClaimDueAsync(Now + 2 * Second, 10, lease, Now + 5 * Second)).Select(p => p.Id).Order());
        Assert.Equal(0, (await freezes.ReleaseAsync(Agency, "frost", owned, Now + 6 * Second)).Released);
    }

    [ProviderFact]
    public async Task A_brands_campaigns_are_registered_once_and_forgotten_on_request()
    {
        DatabaseMigrator.Migrate(Settings);
        var freezes = new BrandFreezeStore(new DbConnectionFactory(Settings));
        await freezes.RegisterAsync(Agency, "frost", "cam_2");
        await freezes.RegisterAsync(Agency, "frost", "cam_1");
        await freezes.RegisterAsync(Agency, "frost", "cam_1"); // again: nothing changes
        await freezes.RegisterAsync(Agency, "sun", "cam_3");
        await freezes.RegisterAsync("agy_other", "frost", "cam_4");

        Assert.Equal(["cam_1", "cam_2"], await freezes.CampaignsAsync(Agency, "frost"));
        await freezes.ForgetAsync(Agency, "frost", ["cam_1", "cam_3"]);
        Assert.Equal(["cam_2"], await freezes.CampaignsAsync(Agency, "frost"));
        Assert.Equal(["cam_3"], await freezes.CampaignsAsync(Agency, "sun"));
        Assert.Null(await freezes.LegacyFrozenAtAsync(Agency, "frost"));
    }
}

public sealed class SqliteBrandFreezeStoreTests : BrandFreezeStoreScenarios, IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    protected override StorageSettings Settings => new(StorageProvider.Sqlite, _database.ConnectionString);

    public void Dispose() => _database.Dispose();
}

[RequiresPostgres]
public sealed class PostgresBrandFreezeStoreTests : BrandFreezeStoreScenarios, IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    protected override StorageSettings Settings => new(StorageProvider.PostgreSql, _database.ConnectionString);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();
}
