using Campaigns.Domain.Accounts;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Accounts;
using Campaigns.Grains.Tests.Support;
using Campaigns.Storage;
using Campaigns.Storage.Accounts;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Campaigns.Grains.Tests;

/// <summary>
/// Where an account grain keeps its state (<see cref="PersistedAccountState"/>): creation writes it in the handle
/// claim's transaction, and state that Orleans' grain storage held before is still read, then moved by the next write.
/// </summary>
public sealed class AccountStateTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private StorageSettings Settings => fixture.Settings;

    [Fact]
    public async Task A_creation_whose_state_cannot_be_stored_leaves_no_claim_and_can_be_retried()
    {
        var (agencyId, accountId) = (Drafts.NewAgencyId(), Drafts.NewAccountId());
        await using (await Faults.FailAsync(Settings, "account_states", "INSERT", $"NEW.id = '{accountId}'"))
        {
            // Guarded by `Row()` handed to readModel.TryInsertAsync in PersistedAccountState.TryCreateAsync: without it
            // the claim commits with no state and the creation succeeds although nothing will remember the account.
            await Assert.ThrowsAsync<StorageUnavailableException>(() => fixture.Account(agencyId, accountId).Create(Drafts.Account("atomic.lab")));
            // One transaction: the row, its tags and its first follower point went with the state.
            Assert.Null(await ReadModel.FindAsync(Settings, agencyId, accountId));
            Assert.Empty(await ReadModel.TagsAsync(Settings, agencyId, accountId));
            Assert.Equal(0L, await CountAsync("SELECT COUNT(*) FROM follower_snapshots WHERE account_id = @accountId", accountId));
        }

        // Guarded by the `if (!claimed)` reset in AccountRecord.CreateAsync: without it the activation keeps the account it
        // failed to store, and the retry hears "already exists".
        var retried = await fixture.Account(agencyId, accountId).Create(Drafts.Account("atomic.lab"));

        Assert.True(retried.Succeeded, retried.Error?.Message);
        Assert.Equal(1L, await CountAsync("SELECT COUNT(*) FROM account_states WHERE id = @accountId", accountId));
        Assert.Equal(1L, (await ReadModel.FindAsync(Settings, agencyId, accountId))!.Version);
    }

    [Fact]
    public async Task State_that_Orleans_storage_held_is_read_and_moved_to_the_account_table_by_the_next_write()
    {
        // An account created before account_states existed: its row (the old claim) and its state in Orleans' storage.
        var (agencyId, accountId) = (Drafts.NewAgencyId(), Drafts.NewAccountId());
        var account = AccountRows.New(agencyId, accountId, Drafts.Account("legacy.lab"), fixture.Clock.GetUtcNow());
        Assert.True(await new AccountStore(new DbConnectionFactory(Settings)).TryInsertAsync(AccountRows.From(account)));
        var grain = fixture.Account(agencyId, accountId);
        var legacy = new GrainState<AccountState>(new AccountState { Account = account, ConnectorSecret = "vault1:legacy-secret", Tokens = "vault1:legacy-tokens" });
        var storage = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Campaigns);
        await storage.WriteStateAsync("account", grain.GetGrainId(), legacy);

        // Guarded by the read of legacyStorage() in PersistedAccountState.LoadAsync: without it the account reads as
        // never created (null) and every command on it is a 404.
        Assert.Equal((accountId, 1L), ((await grain.Get())?.Id, (await grain.Get())?.Version));
        var suspended = await grain.Suspend();
        Assert.Equal((AccountStatus.Suspended, 2L), (suspended.Value!.Status, suspended.Value.Version));

        var moved = await ReadStateAsync(accountId);
        Assert.Equal(("vault1:legacy-secret", "vault1:legacy-tokens"), (moved.ConnectorSecret, moved.Tokens));
        Assert.Equal(2L, AccountDocument.Deserialize(moved.Document).Version);
        // Written once more, it updates its own row (etag 1 → 2) rather than inserting again.
        Assert.True((await grain.Resume()).Succeeded);
        Assert.Equal(3L, AccountDocument.Deserialize((await ReadStateAsync(accountId)).Document).Version);
    }

    [Fact]
    public async Task A_key_minted_for_a_creation_activates_without_reading_what_is_stored()
    {
        // A stored account under the key (impossible for an id minted a moment ago; here so that a read would show).
        var (agencyId, accountId) = (Drafts.NewAgencyId(), Drafts.NewAccountId());
        var account = AccountRows.New(agencyId, accountId, Drafts.Account("minted.lab"), fixture.Clock.GetUtcNow());
        var state = new AccountStateRow(agencyId, accountId, AccountDocument.Serialize(account), null, null, false);
        Assert.True(await new AccountStore(new DbConnectionFactory(Settings)).TryInsertAsync(AccountRows.From(account), state: state));
        var keys = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<NewAccountKeys>();
        keys.Add(GrainKeys.For(agencyId, accountId));

        // Guarded by `TryTake` in AccountGrain.OnActivateAsync: without it the activation reads the stored account.
        Assert.Null(await fixture.Account(agencyId, accountId).Get());
        Assert.Equal(0, keys.Count); // taken by that activation, once
    }

    private async Task<(string Document, string? ConnectorSecret, string? Tokens)> ReadStateAsync(string accountId)
    {
        await using var connection = await new DbConnectionFactory(Settings).OpenAsync();
        return await connection.QuerySingleAsync<(string, string?, string?)>(
            "SELECT document, connector_secret, tokens FROM account_states WHERE id = @accountId", new { accountId });
    }

    private async Task<long> CountAsync(string sql, string accountId)
    {
        await using var connection = await new DbConnectionFactory(Settings).OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, new { accountId });
    }
}
