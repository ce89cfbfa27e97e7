using Campaigns.Domain.Accounts;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Accounts;
using Campaigns.Grains.Tests.Support;
using Campaigns.Storage;
using Campaigns.Storage.Accounts;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;

namespace Campaigns.Grains.Tests;

/// <summary>
/// Where an account grain keeps its state (<see cref="PersistedAccountState"/>): creation (by the agency's stateless
/// creation worker, without the account's grain) writes it in the handle claim's transaction, the grain reads it on its
/// first use, and state that Orleans' grain storage held before is still read, then moved by the next write.
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
            await Assert.ThrowsAsync<StorageUnavailableException>(() => fixture.CreateAccount(agencyId, accountId, Drafts.Account("atomic.lab")));
            // One transaction: the row, its tags and its first follower point went with the state.
            Assert.Null(await ReadModel.FindAsync(Settings, agencyId, accountId));
            Assert.Empty(await ReadModel.TagsAsync(Settings, agencyId, accountId));
            Assert.Equal(0L, await CountAsync("SELECT COUNT(*) FROM follower_snapshots WHERE account_id = @accountId", accountId));
        }

        // Nothing of the failed attempt stands in the way of the retry.
        var retried = await fixture.CreateAccount(agencyId, accountId, Drafts.Account("atomic.lab"));

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
    public async Task A_creation_wakes_no_grain_of_the_account_and_its_first_use_reads_what_was_written()
    {
        var (agencyId, accountId) = (Drafts.NewAgencyId(), Drafts.NewAccountId());
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);

        var created = await fixture.CreateAccount(agencyId, accountId, Drafts.Account("sleeping.lab"));

        Assert.True(created.Succeeded, created.Error?.Message);
        Assert.Equal(0, await management.GetGrainActivationCount((GrainReference)fixture.Account(agencyId, accountId)));
        var read = await fixture.Account(agencyId, accountId).Get();
        Assert.Equal(("sleeping.lab", 1L), (read?.Handle, read?.Version));
    }

    [Fact]
    public async Task An_activation_that_found_no_account_does_not_outlive_a_creation_under_its_id()
    {
        // Asked for before it exists (a guess, or a mistyped id that a creation then mints): not found.
        var (agencyId, accountId) = (Drafts.NewAgencyId(), Drafts.NewAccountId());
        Assert.Null(await fixture.Account(agencyId, accountId).Get());

        Assert.True((await fixture.CreateAccount(agencyId, accountId, Drafts.Account("late.lab"))).Succeeded);

        // Guarded by DeactivateOnIdle in AccountGrain.Invoke (its call filter): without it the activation that found nothing
        // stays, and answers "not found" for an account that now exists.
        Assert.Equal("late.lab", (await fixture.Account(agencyId, accountId).Get())?.Handle);
    }

    [Fact]
    public async Task A_creation_under_an_id_in_use_is_a_conflict_and_leaves_the_account_as_it_was()
    {
        var (agencyId, accountId) = (Drafts.NewAgencyId(), Drafts.NewAccountId());
        Assert.True((await fixture.CreateAccount(agencyId, accountId, Drafts.Account("first.lab"))).Succeeded);

        // Same handle (the id's own row holds it) and another handle (the id's primary key refuses it).
        var same = await fixture.CreateAccount(agencyId, accountId, Drafts.Account("first.lab", displayName: "Again"));
        var other = await fixture.CreateAccount(agencyId, accountId, Drafts.Account("second.lab", displayName: "Other"));

        // Guarded by the IdInUse check in AccountRecord.ClaimHandleAsync: without it the record, which read nothing,
        // takes the id's own row for an orphan, deletes it and creates the account again.
        Assert.Equal((ErrorKind.Conflict, ErrorKind.Conflict), (same.Error?.Kind, other.Error?.Kind));
        Assert.Contains("already exists", other.Error!.Message);
        var row = await ReadModel.FindAsync(Settings, agencyId, accountId);
        Assert.Equal(("first.lab", 1L), (row?.HandleKey, row?.Version));
        Assert.Equal("Glow Lab", (await fixture.Account(agencyId, accountId).Get())?.DisplayName);
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
