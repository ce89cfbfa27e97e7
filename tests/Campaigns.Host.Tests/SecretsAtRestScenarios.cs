using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Host.Tests.Support;
using Campaigns.Storage;
using Campaigns.Storage.Connect;
using Campaigns.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Host.Tests;

/// <summary>
/// Platform tokens and webhook secrets, after every path that stores them, looked for where they must never be: the
/// raw tables (grain state, read model, imports, connect attempts, stored idempotent replays), the logs and the
/// problem details.
/// </summary>
public abstract class SecretsAtRestScenarios(PlatformHostFixture host)
{
    private static readonly string[] Tables = ["OrleansStorage", "account_states", "accounts", "account_imports", "oauth_states", "idempotency_keys"];

    private CampaignsApp App => host.App;

    [ProviderFact]
    public async Task No_token_state_or_webhook_secret_is_stored_logged_or_answered_in_plaintext()
    {
        // Guarded by the vault calls that protect each value: StoredTokens.Protect (grain state), secrets.Protect in
        // AccountRecord.CreateAsync and WriteAsync (state and accounts row), in AccountImportGrain (account_imports), the
        // state hash in ConnectAccountHandler (oauth_states) and [RedactOnReplay("authorizeUrl")] (idempotency_keys).
        var tenant = await Tenant.Create(App);
        var states = new List<string>();
        foreach (var (type, _, _, _) in host.Fakes.All)
        {
            var id = await ConnectFlow.CreateAccount(tenant, host.Fakes, type);
            var (authorize, _) = await ConnectFlow.Start(tenant, id);
            states.Add(ConnectFlow.Query(authorize, "state"));
            var redirect = await ConnectFlow.Consent(authorize);
            Assert.Equal(HttpStatusCode.OK, (await ConnectFlow.Callback(App, redirect)).StatusCode);
            var grain = App.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountGrain>(GrainKeys.For(tenant.Id, id));
            Assert.True((await grain.RefreshCredential((await grain.GetCredential()).Credential!)).Ok, type);

            // A replayed callback's problem names neither the state nor the code.
            var replay = await (await ConnectFlow.Callback(App, redirect)).Content.ReadAsStringAsync();
            Assert.DoesNotContain(ConnectFlow.Query(redirect, "state"), replay);
            Assert.DoesNotContain(ConnectFlow.Query(redirect, "code"), replay);

            // A connect retried under its Idempotency-Key replays without the authorize URL (and so without the state).
            var key = "connect-" + Guid.NewGuid().ToString("N");
            var first = await ApiClient.Json(await Send(tenant, $"/v1/accounts/{id}/connect", key));
            states.Add(ConnectFlow.Query(new Uri(first["authorizeUrl"]!.GetValue<string>()), "state"));
            Assert.Null((await ApiClient.Json(await Send(tenant, $"/v1/accounts/{id}/connect", key)))["authorizeUrl"]);
        }
        var created = "whsec-created-" + Guid.NewGuid().ToString("N");
        var imported = "whsec-imported-" + Guid.NewGuid().ToString("N");
        var body = Tenant.AccountBody("hooked_" + Guid.NewGuid().ToString("N")[..8]);
        body["connector"] = new JsonObject { ["type"] = "webhook", ["url"] = "https://publisher.example/hook", ["secret"] = created };
        Assert.Equal(HttpStatusCode.Created, (await tenant.Client.PostJson("/v1/accounts", body, "create-" + Guid.NewGuid().ToString("N"))).StatusCode);
        var csv = "platform,handle,kind,timeZone,connectorType,connectorUrl,connectorSecret\n"
            + $"kuaishou,imp_{Guid.NewGuid().ToString("N")[..8]},brand,Asia/Shanghai,webhook,https://publisher.example/hook,{imported}\n";
        Assert.Equal(HttpStatusCode.Created, (await tenant.Client.PostText("/v1/accounts/import", csv, "text/csv", "import-" + Guid.NewGuid().ToString("N"))).StatusCode);

        var secrets = host.Fakes.IssuedSecrets.Concat(states).Append(created).Append(imported).ToList();
        Assert.True(secrets.Count > 30, $"only {secrets.Count} secrets issued");
        var tables = await DumpAsync(App);
        foreach (var (table, text) in tables)
        {
            Assert.DoesNotContain(secrets, s => text.Contains(s, StringComparison.Ordinal));
        }
        // The dump really holds the protected forms and the state hashes it was searched in.
        Assert.Contains("vault1:", tables["account_states"]);
        Assert.Contains("vault1:", tables["accounts"]);
        Assert.Contains("vault1:", tables["account_imports"]);
        Assert.Contains(OAuthStateStore.Hash(states[0]), tables["oauth_states"]);
        Assert.Contains("vault1:", tables["oauth_states"]); // YouTube's PKCE verifier

        Assert.Contains("connected to", host.Logs.Text);
        Assert.Contains("renewed its", host.Logs.Text);
        Assert.DoesNotContain(secrets, s => host.Logs.Text.Contains(s, StringComparison.Ordinal));
    }

    private static Task<HttpResponseMessage> Send(Tenant tenant, string path, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return tenant.Client.Http.SendAsync(request);
    }

    /// <summary>Every value of every row of the tables that hold secrets, as text (blobs read as UTF-8).</summary>
    private static async Task<Dictionary<string, string>> DumpAsync(CampaignsApp app)
    {
        await using var connection = await app.Services.GetRequiredService<DbConnectionFactory>().OpenAsync();
        var dump = new Dictionary<string, string>();
        foreach (var table in Tables)
        {
            var text = new StringBuilder();
            foreach (IDictionary<string, object?> row in await connection.QueryAsync($"SELECT * FROM {table}"))
            {
                foreach (var value in row.Values)
                {
                    text.Append(value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value?.ToString()).Append('\u241F');
                }
            }
            dump[table] = text.ToString();
        }
        return dump;
    }
}

[Collection(SqlitePlatformHostFixture.Collection)]
public sealed class SqliteSecretsAtRestTests(SqlitePlatformHostFixture host) : SecretsAtRestScenarios(host);

[RequiresPostgres]
[Collection(PostgresPlatformHostFixture.Collection)]
public sealed class PostgresSecretsAtRestTests(PostgresPlatformHostFixture host) : SecretsAtRestScenarios(host);
