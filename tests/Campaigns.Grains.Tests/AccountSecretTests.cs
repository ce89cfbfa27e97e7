using System.Text;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Accounts;
using Campaigns.Grains.Tests.Support;
using Campaigns.Storage;
using Campaigns.Storage.Accounts;
using Campaigns.Storage.Vault;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Grains.Tests;

/// <summary>The webhook secret kept by the vault in grain state and read model, and secrets written before the vault.</summary>
public sealed class AccountSecretTests(GrainClusterFixture fixture) : IClassFixture<GrainClusterFixture>
{
    private StorageSettings Settings => fixture.Settings;

    [Fact]
    public async Task A_webhook_secret_is_stored_protected_for_its_account_and_read_back_by_the_callback_verifier()
    {
        // Guarded by Secrets.Protect in AccountRecord.CreateAsync: without it the row and the state hold the secret itself.
        var (agencyId, accountId) = (Drafts.NewAgencyId(), Drafts.NewAccountId());
        Assert.True((await fixture.CreateAccount(agencyId, accountId, Drafts.Account("hooked"))).Succeeded);

        var stored = await new AccountStore(new DbConnectionFactory(Settings)).FindConnectorSecretAsync(agencyId, accountId);

        Assert.StartsWith(SecretVault.Prefix, stored);
        Assert.Equal(Drafts.Secret, Secrets().Reveal(agencyId, accountId, stored));
        Assert.DoesNotContain(Drafts.Secret, await StatePayloadsAsync());
        // Bound to its owner: the same value does not open on another account.
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => Secrets().Reveal(agencyId, Drafts.NewAccountId(), stored));
    }

    [Fact]
    public async Task A_secret_imported_before_the_vault_keeps_working_and_is_protected_by_the_next_write()
    {
        // Guarded by AccountRecord.WriteAsync's protection of a secret still held as plaintext: without it the legacy value stays
        // plaintext in state and row after the change.
        var (agencyId, accountId) = (Drafts.NewAgencyId(), Drafts.NewAccountId());
        const string legacy = "legacy-plaintext-secret-0001";
        var snapshot = AccountRows.New(agencyId, accountId, Drafts.Account("old.hook"), fixture.Clock.GetUtcNow());
        var store = new AccountStore(new DbConnectionFactory(Settings));
        Assert.True(await store.ImportAsync([new ImportedAccountRow(AccountRows.From(snapshot), legacy, null)], 0));
        Assert.Equal(legacy, Secrets().Reveal(agencyId, accountId, await store.FindConnectorSecretAsync(agencyId, accountId)));

        var changed = await fixture.Account(agencyId, accountId).Update(new AccountPatch(DisplayName: "Renamed"));

        Assert.True(changed.Succeeded, changed.Error?.Message);
        var stored = await store.FindConnectorSecretAsync(agencyId, accountId);
        Assert.StartsWith(SecretVault.Prefix, stored);
        Assert.Equal(legacy, Secrets().Reveal(agencyId, accountId, stored));
        Assert.DoesNotContain(legacy, await StatePayloadsAsync());
    }

    /// <summary>A vault on the cluster's key ring (the database), made after the silo created its key.</summary>
    private AccountSecrets Secrets() =>
        new ServiceCollection().AddStores(Settings).AddVault(new VaultOptions()).BuildServiceProvider().GetRequiredService<AccountSecrets>();

    private async Task<string> StatePayloadsAsync()
    {
        await using var connection = await new DbConnectionFactory(Settings).OpenAsync();
        var payloads = await connection.QueryAsync<byte[]>("SELECT PayloadBinary FROM OrleansStorage WHERE PayloadBinary IS NOT NULL");
        // The account grain's own state table (PersistedAccountState), where its state lives since it stopped using Orleans' storage.
        var states = await connection.QueryAsync<string>(
            "SELECT document || '|' || COALESCE(connector_secret, '') || '|' || COALESCE(tokens, '') FROM account_states");
        Assert.NotEmpty(states);
        return string.Join('\n', payloads.Select(p => Encoding.UTF8.GetString(p)).Concat(states));
    }
}
