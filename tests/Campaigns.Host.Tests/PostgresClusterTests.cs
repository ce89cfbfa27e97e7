using System.Net;
using Campaigns.Host.Tests.Support;
using Campaigns.Testing;
using Npgsql;

namespace Campaigns.Host.Tests;

/// <summary>Several silos on one PostgreSQL database form one cluster; storage outages are 503s, not 500s.</summary>
public sealed class PostgresClusterTests
{
    [PostgresFact]
    public async Task Two_silos_join_one_cluster_and_an_account_is_reachable_from_either()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var settings = HostSettings.Postgres(database.ConnectionString);
        await using var first = new CampaignsApp(settings);
        _ = first.Server;
        await using var second = new CampaignsApp(settings with { DataDirectory = settings.DataDirectory + "-2" });
        _ = second.Server;

        await Poll.Until(async () => await ActiveSilos(database.ConnectionString, settings.ClusterId) == 2, TimeSpan.FromSeconds(60));

        var tenant = await Tenant.Create(first);
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var created = await tenant.Client.PostJson("/v1/accounts", Tenant.AccountBody($"c{i}"));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            ids.Add((await ApiClient.Json(created))["id"]!.GetValue<string>());
        }

        var viaSecond = ApiClient.For(second, tenant.ApiKey);
        foreach (var id in ids)
        {
            Assert.Equal(HttpStatusCode.OK, (await viaSecond.Get($"/v1/accounts/{id}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await viaSecond.Post($"/v1/accounts/{ids[0]}/suspend")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await tenant.Client.Post($"/v1/accounts/{ids[0]}/suspend")).StatusCode);
    }

    [PostgresFact]
    public async Task When_the_database_is_unreachable_commands_are_503_and_nothing_is_half_written()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var app = new CampaignsApp(HostSettings.Postgres(database.ConnectionString));
        var tenant = await Tenant.Create(app);
        Assert.Equal(HttpStatusCode.Created, (await tenant.Client.PostJson("/v1/accounts", Tenant.AccountBody("before"))).StatusCode);

        await SetConnectionsAllowed(database.Name, allowed: false);
        try
        {
            var create = await tenant.Client.PostJson("/v1/accounts", Tenant.AccountBody("during"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, create.StatusCode);
            Assert.Equal("application/problem+json", create.Content.Headers.ContentType!.MediaType);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await tenant.Client.Get("/v1/accounts")).StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await ApiClient.For(app, null).Get("/health/ready")).StatusCode);
        }
        finally
        {
            await SetConnectionsAllowed(database.Name, allowed: true);
        }

        var handles = (await ApiClient.Json(await tenant.Client.Get("/v1/accounts")))["items"]!.AsArray().Select(a => a!["handle"]!.GetValue<string>());
        Assert.Equal(["before"], handles);
        Assert.Equal(HttpStatusCode.Created, (await tenant.Client.PostJson("/v1/accounts", Tenant.AccountBody("during"))).StatusCode);
    }

    private static async Task<long> ActiveSilos(string connectionString, string clusterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = @c AND status = 3", connection);
        command.Parameters.AddWithValue("c", clusterId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task SetConnectionsAllowed(string databaseName, bool allowed)
    {
        var server = new NpgsqlConnectionStringBuilder(PostgresTestEnvironment.ServerConnectionString) { Pooling = false }.ToString();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using (var alter = new NpgsqlCommand($"ALTER DATABASE \"{databaseName}\" WITH ALLOW_CONNECTIONS {(allowed ? "true" : "false")}", connection))
        {
            await alter.ExecuteNonQueryAsync();
        }
        if (!allowed)
        {
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @d AND pid <> pg_backend_pid()", connection);
            kill.Parameters.AddWithValue("d", databaseName);
            await kill.ExecuteNonQueryAsync();
        }
    }
}
