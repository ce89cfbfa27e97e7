using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Host.Tests.Support;
using Campaigns.PlatformFakes;
using Campaigns.Storage;
using Campaigns.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Campaigns.Host.Tests;

/// <summary>
/// The account grain as its publish runs will use it: the access token handed out, renewed ahead of expiry or when
/// the platform calls it invalid, once for many callers, durably before use, and a refused renewal shown to clients.
/// </summary>
public abstract class CredentialScenarios(PlatformHostFixture host)
{
    private CampaignsApp App => host.App;

    private PlatformFakeSet Fakes => host.Fakes;

    [ProviderFact]
    public async Task Many_callers_told_the_token_is_invalid_share_one_refresh()
    {
        // Guarded by CredentialKeeper.ExclusiveAsync's "renewedMeanwhile" check: without it every caller, served one
        // after another, refreshes again and the fake counts eight refreshes.
        var (tenant, id) = await Connected("tiktok");
        var grain = Grain(tenant, id);
        var stale = (await grain.GetCredential()).Credential!;
        var refreshes = Fakes.TikTok.Counters.Refreshes;
        Fakes.TikTok.Latency = TimeSpan.FromMilliseconds(300); // the first refresh is still in flight when the others ask
        CredentialResult[] results;
        try
        {
            results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => grain.RefreshCredential(stale)));
        }
        finally
        {
            Fakes.TikTok.Latency = TimeSpan.Zero;
        }

        Assert.Equal(refreshes + 1, Fakes.TikTok.Counters.Refreshes);
        Assert.All(results, r => Assert.True(r.Ok, r.Failure?.ToString()));
        var fresh = Assert.Single(results.Select(r => r.Credential!.AccessToken).Distinct());
        Assert.NotEqual(stale.AccessToken, fresh);
        Assert.Equal("user-1", Fakes.TikTok.Accounts.UserOf(fresh));
    }

    [ProviderFact]
    public async Task A_rotated_refresh_token_is_stored_before_its_access_token_is_used_and_survives_a_storage_fault()
    {
        // Guarded by two lines of CredentialKeeper.RenewAsync: "if (!await TrySaveAsync(...)) return Unstored();"
        // (without it the first refresh hands out a token that is not durable) and "_unsaved = (fresh, credential);"
        // (without it the rotated tokens are lost with the failed write, the next refresh presents the rotated-out
        // refresh token, and TikTok refuses it: needs-reauth).
        var (tenant, id) = await Connected("tiktok");
        var grain = Grain(tenant, id);
        var before = (await grain.GetCredential()).Credential!;
        var (refreshes, refused) = (Fakes.TikTok.Counters.Refreshes, Fakes.TikTok.Counters.RefusedRefreshes);

        CredentialResult during;
        // The account's state refuses writes (its row in account_states, where the grain keeps the tokens) while it refreshes.
        await using (await RowFault.FailUpdatesAsync(App, "account_states", id))
        {
            during = await grain.RefreshCredential(before);
        }

        Assert.False(during.Ok);
        Assert.Equal((CredentialFailureKind.Transient, "storage_unavailable"), (during.Failure!.Kind, during.Failure.Code));
        Assert.Equal(refreshes + 1, Fakes.TikTok.Counters.Refreshes); // the platform rotated: the old refresh token is dead

        var after = await grain.GetCredential();
        Assert.True(after.Ok, after.Failure?.ToString());
        Assert.NotEqual(before.AccessToken, after.Credential!.AccessToken);
        Assert.Equal("user-1", Fakes.TikTok.Accounts.UserOf(after.Credential.AccessToken));
        Assert.Equal(refreshes + 1, Fakes.TikTok.Counters.Refreshes); // stored, not refreshed a second time

        // Durable: a fresh activation reads the rotated tokens back and renews with the new refresh token.
        await App.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var reread = await grain.RefreshCredential(after.Credential);
        Assert.True(reread.Ok, reread.Failure?.ToString());
        Assert.Equal(refreshes + 2, Fakes.TikTok.Counters.Refreshes);
        Assert.Equal(refused, Fakes.TikTok.Counters.RefusedRefreshes);
        Assert.Equal("connected", (await ConnectFlow.Credential(tenant, id))!["status"]!.GetValue<string>());
    }

    [ProviderFact]
    public async Task A_refused_refresh_leaves_the_account_needs_reauth_until_it_connects_again()
    {
        // Guarded by the needs-reauth write in CredentialKeeper.RenewAsync: without it the account still shows
        // connected and the filter finds nothing.
        var (tenant, id) = await Connected("kuaishou");
        var grain = Grain(tenant, id);
        var current = (await grain.GetCredential()).Credential!;
        Fakes.Kuaishou.Faults.RefuseRefresh = true;
        CredentialResult refused;
        try
        {
            refused = await grain.RefreshCredential(current);
        }
        finally
        {
            Fakes.Kuaishou.Faults.RefuseRefresh = false;
        }

        Assert.Equal(CredentialFailureKind.NeedsReauth, refused.Failure!.Kind);
        var credential = (await ConnectFlow.Credential(tenant, id))!;
        Assert.Equal("needs-reauth", credential["status"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(credential["lastError"]!.GetValue<string>()));
        var listed = await ApiClient.Json(await tenant.Client.Get("/v1/accounts?credential=needs-reauth"));
        Assert.Equal([id], listed["items"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()));
        // The platform is not asked again with tokens it refused.
        Assert.Equal(CredentialFailureKind.NeedsReauth, (await grain.GetCredential()).Failure!.Kind);

        await ConnectFlow.Connect(App, tenant, id);

        var reconnected = (await ConnectFlow.Credential(tenant, id))!;
        Assert.Equal(("connected", null), (reconnected["status"]!.GetValue<string>(), reconnected["lastError"]?.GetValue<string>()));
        Assert.True((await grain.GetCredential()).Ok);
    }

    [ProviderFact]
    public async Task A_token_is_renewed_ahead_of_the_expiry_its_own_answer_stated()
    {
        // Guarded by TokenRefreshTiming.IsDue in CredentialKeeper.GetAsync: without it the short-lived token is handed
        // out as it is and the fake counts no refresh.
        var accounts = Fakes.YouTube.Accounts;
        var (tenant, longLived) = await Connected("youtube");
        accounts.AccessLifetime = TimeSpan.FromSeconds(45); // inside the one-minute lead from the first moment
        string shortLived;
        try
        {
            shortLived = (await Connected("youtube", tenant)).Id;
        }
        finally
        {
            accounts.AccessLifetime = TimeSpan.FromHours(2);
        }
        var refreshes = Fakes.YouTube.Counters.Refreshes;

        var kept = await Grain(tenant, longLived).GetCredential();
        Assert.Equal(refreshes, Fakes.YouTube.Counters.Refreshes);

        var renewed = await Grain(tenant, shortLived).GetCredential();
        Assert.True(renewed.Ok, renewed.Failure?.ToString());
        Assert.Equal(refreshes + 1, Fakes.YouTube.Counters.Refreshes);
        Assert.NotNull(accounts.UserOf(kept.Credential!.AccessToken));
        Assert.NotNull(accounts.UserOf(renewed.Credential!.AccessToken));
        var credential = (await ConnectFlow.Credential(tenant, shortLived))!;
        Assert.True(credential["expiresAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddMinutes(100)); // the renewed token's own 2 h
    }

    [ProviderFact]
    public async Task A_renewal_stored_while_the_accounts_list_refuses_it_is_answered_and_the_list_catches_up()
    {
        var (tenant, id) = await Connected("tiktok");
        var grain = Grain(tenant, id);
        var before = (await grain.GetCredential()).Credential!;
        await using (await RowFault.FailUpdatesAsync(App, "accounts", id))
        {
            var renewed = await grain.RefreshCredential(before);
            Assert.True(renewed.Ok, renewed.Failure?.ToString()); // the tokens are durable in the grain's state
            Assert.True(await RowVersionAsync(tenant, id) < (await grain.Get())!.Version); // the fault held: the row lags
        }

        // Guarded by the `true` for Unprojected in AccountRecord.WriteAsync (which SaveCredentialAsync calls): without it
        // the grain thinks its row current, nothing writes it again until the account's next change, and the poll runs out.
        var version = (await grain.Get())!.Version;
        await Poll.Until(async () => await RowVersionAsync(tenant, id) == version);
    }

    private async Task<long> RowVersionAsync(Tenant tenant, string accountId)
    {
        await using var connection = await App.Services.GetRequiredService<DbConnectionFactory>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT version FROM accounts WHERE agency_id = @agencyId AND id = @accountId", new { agencyId = tenant.Id, accountId });
    }

    private async Task<(Tenant Tenant, string Id)> Connected(string type, Tenant? tenant = null)
    {
        tenant ??= await Tenant.Create(App);
        var id = await ConnectFlow.CreateAccount(tenant, Fakes, type);
        await ConnectFlow.Connect(App, tenant, id);
        return (tenant, id);
    }

    private IAccountGrain Grain(Tenant tenant, string accountId) =>
        App.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountGrain>(GrainKeys.For(tenant.Id, accountId));
}

[Collection(SqlitePlatformHostFixture.Collection)]
public sealed class SqliteCredentialTests(SqlitePlatformHostFixture host) : CredentialScenarios(host);

[RequiresPostgres]
[Collection(PostgresPlatformHostFixture.Collection)]
public sealed class PostgresCredentialTests(PostgresPlatformHostFixture host) : CredentialScenarios(host);
