using System.Net;
using Campaigns.Host.Tests.Support;
using Campaigns.Testing;

namespace Campaigns.Host.Tests;

/// <summary>Start-up and restart of the embedded default: generated admin key, durable state, Development mode.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task The_embedded_default_generates_an_admin_key_once_and_keeps_it()
    {
        using var database = new TempSqliteDatabase();
        var settings = HostSettings.Sqlite(database.Directory) with { AdminKey = null };
        var keyFile = Path.Combine(database.Directory, "admin.key");

        string firstKey;
        await using (var first = new CampaignsApp(settings))
        {
            _ = first.Server;
            firstKey = (await File.ReadAllTextAsync(keyFile)).Trim();
            Assert.Equal(HttpStatusCode.Created, (await ApiClient.For(first, firstKey).PostJson("/v1/agencies", new { name = "A" })).StatusCode);
        }

        await using var second = new CampaignsApp(settings);
        _ = second.Server;
        Assert.Equal(firstKey, (await File.ReadAllTextAsync(keyFile)).Trim());
        Assert.Equal(HttpStatusCode.Created, (await ApiClient.For(second, firstKey).PostJson("/v1/agencies", new { name = "B" })).StatusCode);
    }

    [Fact]
    public async Task Accounts_and_agency_keys_survive_a_restart_of_the_host()
    {
        using var database = new TempSqliteDatabase();
        var settings = HostSettings.Sqlite(database.Directory);
        Tenant tenant;
        string id;
        await using (var first = new CampaignsApp(settings))
        {
            tenant = await Tenant.Create(first);
            var created = await tenant.Client.PostJson("/v1/accounts", Tenant.AccountBody("durable"));
            id = (await ApiClient.Json(created))["id"]!.GetValue<string>();
            Assert.Equal(HttpStatusCode.OK, (await tenant.Client.Post($"/v1/accounts/{id}/suspend")).StatusCode);
        }

        await using var second = new CampaignsApp(settings);
        var client = ApiClient.For(second, tenant.ApiKey);
        var account = await ApiClient.Json(await client.Get($"/v1/accounts/{id}"));
        Assert.Equal(("durable", "suspended"), (account["handle"]!.GetValue<string>(), account["status"]!.GetValue<string>()));
        var listed = await ApiClient.Json(await client.Get("/v1/accounts"));
        Assert.Equal(id, listed["items"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostJson("/v1/accounts", Tenant.AccountBody("durable"))).StatusCode);
    }

    [Fact]
    public async Task The_host_boots_in_Development_and_serves_commands_and_the_open_dashboard()
    {
        // Development turns on DI scope validation: a singleton capturing a scoped service fails here, not in production.
        using var database = new TempSqliteDatabase();
        await using var app = new CampaignsApp(HostSettings.Sqlite(database.Directory) with { Environment = "Development" });

        var tenant = await Tenant.Create(app);
        Assert.Equal(HttpStatusCode.Created, (await tenant.Client.PostJson("/v1/accounts", Tenant.AccountBody("dev"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await tenant.Client.PostRaw("/v1/accounts", "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/dashboard/")).StatusCode);
    }

    [Fact]
    public void A_host_refuses_to_start_with_an_admin_key_shorter_than_32_characters()
    {
        using var database = new TempSqliteDatabase();
        using var app = new CampaignsApp(HostSettings.Sqlite(database.Directory) with { AdminKey = new string('k', 31) });

        var refused = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("it must have at least 32", refused.ToString());
    }
}
