using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Host.Tests.Support;
using Campaigns.Testing;

namespace Campaigns.Host.Tests;

/// <summary>
/// <c>GET /v1/accounts/{id}</c> keeps its figures in memory between reads, and every write that changes them shows on
/// the very next read: a push published and a snapshot recorded after the account was read. The hosts keep figures for
/// an hour (<c>Campaigns:AccountPage:FiguresMaxAgeMilliseconds</c>), so only the figures version can make a change show.
/// </summary>
public abstract class AccountPageScenarios(HostFixture host)
{
    private CampaignsApp App => host.App;

    [ProviderFact]
    public async Task Figures_read_before_a_publish_and_a_snapshot_show_both_on_the_next_read()
    {
        await using var publisher = await FakePublisher.StartAsync();
        var tenant = await Tenant.Create(App);
        // The webhook connector: the sandbox feed would record snapshots of its own.
        var accountId = await OnePush.CreateAccountAsync(tenant, new JsonObject
        {
            ["type"] = "webhook", ["url"] = publisher.Url, ["secret"] = "a-webhook-secret-of-sufficient-length",
        });
        Assert.Equal((0, 0, 0L), Figures(await Page(tenant, accountId)));
        Assert.Equal((0, 0, 0L), Figures(await Page(tenant, accountId))); // now kept in memory

        var (push, _) = await OnePush.LaunchAsync(tenant, accountId);
        // Without AccountPageFigures' version check (kept.Version == version), or without ApplicationServices registering
        // AccountFiguresVersions as storage's IAccountFiguresChanged, this read still shows no pushes.
        Assert.Equal((1, 1, 0L), Figures(await Page(tenant, accountId)));

        var snapshot = await tenant.Client.PostJson($"/v1/pushes/{push["id"]!.GetValue<string>()}/metrics", new JsonObject
        {
            ["at"] = DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"), ["views"] = 1_000, ["likes"] = 100, ["comments"] = 0,
            ["shares"] = 0, ["clicks"] = 0, ["orders"] = 0, ["gmv"] = 0m,
        });
        Assert.True(snapshot.StatusCode == HttpStatusCode.Accepted, await snapshot.Content.ReadAsStringAsync());
        // Without MetricsStore.RecordAsync's figures.AfterCommitAsync this read still shows 0 views.
        Assert.Equal((1, 1, 1_000L), Figures(await Page(tenant, accountId)));
    }

    private static async Task<JsonNode> Page(Tenant tenant, string accountId)
    {
        var response = await tenant.Client.Get($"/v1/accounts/{accountId}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await ApiClient.Json(response);
    }

    private static (int Pushes, int Published, long Views) Figures(JsonNode page) =>
        (page["stats"]!["pushes"]!.GetValue<int>(), page["stats"]!["published"]!.GetValue<int>(), page["stats"]!["views"]!.GetValue<long>());
}

/// <summary>Account pages keep their figures for an hour, so a test sees a stale figure rather than an expired one.</summary>
public static class AccountPageSettings
{
    public static readonly IReadOnlyDictionary<string, string> Overrides = new Dictionary<string, string>
    {
        ["Campaigns:AccountPage:FiguresMaxAgeMilliseconds"] = "3600000",
    };
}

public sealed class SqliteAccountPageHostFixture : SqliteHostFixture
{
    protected override IReadOnlyDictionary<string, string> Overrides => AccountPageSettings.Overrides;
}

public sealed class PostgresAccountPageHostFixture : PostgresHostFixture
{
    protected override IReadOnlyDictionary<string, string> Overrides => AccountPageSettings.Overrides;
}

public sealed class SqliteAccountPageTests(SqliteAccountPageHostFixture host) : AccountPageScenarios(host), IClassFixture<SqliteAccountPageHostFixture>;

[RequiresPostgres]
public sealed class PostgresAccountPageTests(PostgresAccountPageHostFixture host) : AccountPageScenarios(host), IClassFixture<PostgresAccountPageHostFixture>;
