using Campaigns.Domain.Accounts;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Accounts;
using Campaigns.Grains.Tests.Support;
using Campaigns.Storage;
using Campaigns.Storage.Accounts;
using Dapper;

namespace Campaigns.Grains.Tests;

/// <summary>
/// How an account grain keeps what it decides (its <c>AccountRecord</c>): an import adopted on activation and taken over
/// by the first change, and the follower history, whose points the grain judges.
/// </summary>
public sealed class AccountRecordTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private StorageSettings Settings => fixture.Settings;

    [Fact]
    public async Task An_imported_account_is_adopted_on_activation_and_its_first_change_takes_it_over()
    {
        var (agencyId, accountId) = (Drafts.NewAgencyId(), Drafts.NewAccountId());
        var imported = AccountRows.New(agencyId, accountId, Drafts.Account("bulk.one"), fixture.Clock.GetUtcNow());
        var store = new AccountStore(new DbConnectionFactory(Settings));
        Assert.True(await store.ImportAsync([new ImportedAccountRow(AccountRows.From(imported), null, null)], 0));

        // Nothing of the grain's own is stored: the activation adopts the imported row.
        var adopted = await fixture.Account(agencyId, accountId).Get();
        Assert.Equal(("bulk.one", 1L, AccountStatus.Active), (adopted!.Handle, adopted.Version, adopted.Status));
        Assert.Equal((0L, 1L), await CountsAsync(agencyId, accountId));

        Assert.True((await fixture.Account(agencyId, accountId).Suspend()).Succeeded);

        // The change wrote the grain's state, and the import marker went with the row's projection. Guarded by
        // "await ForgetImportQuietlyAsync()" in AccountProjection.UpsertAsync: without it the marker stays.
        Assert.Equal((1L, 0L), await CountsAsync(agencyId, accountId));
        var row = await ReadModel.FindAsync(Settings, agencyId, accountId);
        Assert.Equal(("suspended", 2L), (row!.Status, row.Version));
    }

    [Fact]
    public async Task A_follower_point_conflicts_on_its_instant_and_only_the_newest_becomes_the_count()
    {
        var (agencyId, accountId) = (Drafts.NewAgencyId(), Drafts.NewAccountId());
        var grain = fixture.Account(agencyId, accountId);
        Assert.True((await fixture.CreateAccount(agencyId, accountId, Drafts.Account("counted"))).Succeeded);
        var later = fixture.Clock.GetUtcNow().AddHours(2);
        var earlier = later.AddHours(-1);

        var newest = (await grain.RecordFollowers(later, 20_000)).Value!;
        Assert.Equal((true, 20_000L, later), (newest.Current, newest.Followers, newest.FollowersAt));

        // Another count at the same instant. Guarded by "existing != count" in AccountGrain.RecordFollowers: without
        // it the second count is answered as recorded.
        var clash = await grain.RecordFollowers(later, 21_000);
        Assert.Equal((ErrorKind.Conflict, "at"), (clash.Error!.Kind, clash.Error.Field));
        // The same count again is the same point: answered as recorded, nothing changes.
        Assert.True((await grain.RecordFollowers(later, 20_000)).Succeeded);

        // An older point joins the history only. Guarded by "at > current.FollowersAt" in AccountGrain.RecordFollowers:
        // without it the account's count goes back to the older one.
        var older = (await grain.RecordFollowers(earlier, 15_000)).Value!;
        Assert.Equal((false, 20_000L, later), (older.Current, older.Followers, older.FollowersAt));

        var account = (await grain.Get())!;
        Assert.Equal((20_000L, later), (account.Followers, account.FollowersAt));
        Assert.Equal(20_000L, (await ReadModel.FindAsync(Settings, agencyId, accountId))!.Followers);
        Assert.Equal([15_000L, 20_000L], await PointsAsync(agencyId, accountId, earlier, later));
    }

    /// <summary>The account's rows in the grain's state table and in the import markers.</summary>
    private async Task<(long States, long Imports)> CountsAsync(string agencyId, string accountId)
    {
        await using var connection = await new DbConnectionFactory(Settings).OpenAsync();
        var key = new { agencyId, accountId };
        return (
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM account_states WHERE agency_id = @agencyId AND id = @accountId", key),
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM account_imports WHERE agency_id = @agencyId AND account_id = @accountId", key));
    }

    private async Task<List<long>> PointsAsync(string agencyId, string accountId, DateTimeOffset from, DateTimeOffset to)
    {
        await using var connection = await new DbConnectionFactory(Settings).OpenAsync();
        var counts = await connection.QueryAsync<long>(
            "SELECT count FROM follower_snapshots WHERE agency_id = @agencyId AND account_id = @accountId AND at_ms BETWEEN @from AND @to ORDER BY at_ms",
            new { agencyId, accountId, from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() });
        return counts.ToList();
    }
}
