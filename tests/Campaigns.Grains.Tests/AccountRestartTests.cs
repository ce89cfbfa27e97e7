using Campaigns.Domain.Accounts;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Tests.Support;
using Campaigns.Storage;
using Campaigns.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Campaigns.Grains.Tests;

public sealed class AccountRestartTests : IDisposable
{
    private readonly TempSqliteDatabase _database = new();
    private readonly StorageSettings _settings;
    private readonly FakeTimeProvider _clock = new(GrainClusterFixture.Start);

    public AccountRestartTests()
    {
        _settings = new StorageSettings(StorageProvider.Sqlite, _database.ConnectionString);
        DatabaseMigrator.Migrate(_settings);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task An_account_survives_stopping_the_cluster_and_starting_a_new_one_on_the_same_file()
    {
        var serviceId = "grains-restart-" + Guid.NewGuid().ToString("N");
        var (agencyId, accountId) = (Drafts.NewAgencyId(), Drafts.NewAccountId());
        var key = GrainKeys.For(agencyId, accountId);
        AccountSnapshot created;
        await using (var first = await GrainCluster.StartAsync(_settings, _clock, serviceId))
        {
            created = (await first.Client.CreateAccount(agencyId, accountId, Drafts.Account("glow.lab"))).Value!;
            _clock.Advance(TimeSpan.FromMinutes(5));
            Assert.True((await first.Client.GetGrain<IAccountGrain>(key).Suspend()).Succeeded);
            await first.StopAllSilosAsync();
        }

        await using var second = await GrainCluster.StartAsync(_settings, _clock, serviceId);
        var grain = second.Client.GetGrain<IAccountGrain>(key);
        var account = await grain.Get();

        Assert.NotNull(account);
        Assert.Equal(("glow.lab", AccountStatus.Suspended, 2L), (account.Handle, account.Status, account.Version));
        Assert.Equal((created.CreatedAt, created.CreatedAt.AddMinutes(5)), (account.CreatedAt, account.UpdatedAt));
        Assert.Equal(3L, (await grain.Resume()).Value!.Version);
    }
}
