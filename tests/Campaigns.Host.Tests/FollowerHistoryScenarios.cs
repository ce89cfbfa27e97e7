using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Host.Tests.Support;
using Campaigns.Testing;

namespace Campaigns.Host.Tests;

/// <summary>Follower snapshots and history (<c>/v1/accounts/{id}/followers</c>), run once per storage provider.</summary>
public abstract class FollowerHistoryScenarios(HostFixture host)
{
    private static readonly DateTimeOffset Day = new(2026, 1, 10, 0, 0, 0, TimeSpan.FromHours(8));

    protected CampaignsApp App => host.App;

    [ProviderFact]
    public async Task The_newest_snapshot_becomes_the_follower_count_and_an_older_one_arriving_late_only_joins_the_history()
    {
        var tenant = await Tenant.Create(App);
        var id = await CreateAccount(tenant, "grower");

        var newest = await Record(tenant, id, 150_000, Day.AddHours(2));
        Assert.Equal(HttpStatusCode.Accepted, newest.StatusCode);
        Assert.True((await ApiClient.Json(newest))["current"]!.GetValue<bool>());

        var late = await Record(tenant, id, 140_000, Day.AddHours(1));
        Assert.Equal(HttpStatusCode.Accepted, late.StatusCode);
        var lateBody = await ApiClient.Json(late);
        Assert.False(lateBody["current"]!.GetValue<bool>());
        Assert.Equal(150_000, lateBody["followers"]!.GetValue<long>());

        var account = await ApiClient.Json(await tenant.Client.Get($"/v1/accounts/{id}"));
        Assert.Equal(150_000, account["followers"]!.GetValue<long>());
        var listed = await ApiClient.Json(await tenant.Client.Get("/v1/accounts"));
        Assert.Equal(150_000, listed["items"]![0]!["followers"]!.GetValue<long>());

        var history = await History(tenant, id, Day, Day.AddDays(1));
        Assert.Equal([140_000L, 150_000L], history["points"]!.AsArray().Select(p => p!["count"]!.GetValue<long>()));
    }

    [ProviderFact]
    public async Task A_duplicate_snapshot_is_idempotent_with_the_same_count_and_a_conflict_with_another()
    {
        var tenant = await Tenant.Create(App);
        var id = await CreateAccount(tenant, "dupes");

        Assert.Equal(HttpStatusCode.Accepted, (await Record(tenant, id, 1_000, Day)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Record(tenant, id, 1_000, Day.ToOffset(TimeSpan.Zero))).StatusCode);
        var conflict = await Record(tenant, id, 2_000, Day);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);

        var account = await ApiClient.Json(await tenant.Client.Get($"/v1/accounts/{id}"));
        Assert.Equal(1_000, account["followers"]!.GetValue<long>());
        Assert.Single((await History(tenant, id, Day.AddHours(-1), Day.AddHours(1)))["points"]!.AsArray());
    }

    [ProviderFact]
    public async Task A_range_returns_its_points_in_time_order_with_the_growth_over_the_window()
    {
        var tenant = await Tenant.Create(App);
        var id = await CreateAccount(tenant, "ranged");
        long[] counts = [1_000, 1_100, 1_050, 1_300, 1_500];
        for (var i = counts.Length - 1; i >= 0; i--)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await Record(tenant, id, counts[i], Day.AddDays(i))).StatusCode);
        }

        var window = await History(tenant, id, Day.AddDays(1), Day.AddDays(3));
        Assert.Equal([1_100L, 1_050L, 1_300L], window["points"]!.AsArray().Select(p => p!["count"]!.GetValue<long>()));
        Assert.Equal(Day.AddDays(1), window["points"]![0]!["at"]!.GetValue<DateTimeOffset>());
        Assert.Equal(200, window["growth"]!["absolute"]!.GetValue<long>());
        Assert.Equal(200.0 / 1_100, window["growth"]!["relative"]!.GetValue<double>(), 6);
        Assert.False(window["truncated"]!.GetValue<bool>());

        var capped = await History(tenant, id, Day, Day.AddDays(4), "&limit=2");
        Assert.Equal(2, capped["points"]!.AsArray().Count);
        Assert.True(capped["truncated"]!.GetValue<bool>());
        Assert.Equal(Day.AddDays(2), capped["nextFrom"]!.GetValue<DateTimeOffset>());
        Assert.Equal(500, capped["growth"]!["absolute"]!.GetValue<long>()); // the whole window, not the page

        var single = await History(tenant, id, Day.AddDays(4), Day.AddDays(5));
        Assert.Null(single["growth"]!["relative"]);
        Assert.Equal(0, single["growth"]!["absolute"]!.GetValue<long>());

        // Without a window: the last 30 days, which these 2026-01 points are not in.
        var recent = await ApiClient.Json(await tenant.Client.Get($"/v1/accounts/{id}/followers"));
        Assert.Empty(recent["points"]!.AsArray());
    }

    [ProviderFact]
    public async Task A_snapshot_without_at_is_taken_now_and_a_created_accounts_count_starts_its_history()
    {
        var tenant = await Tenant.Create(App);
        var id = await CreateAccount(tenant, "nowish", withFollowers: true);

        var response = await tenant.Client.PostJson($"/v1/accounts/{id}/followers", new { count = 130_000 });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var recent = await ApiClient.Json(await tenant.Client.Get($"/v1/accounts/{id}/followers"));
        Assert.Equal([120_000L, 130_000L], recent["points"]!.AsArray().Select(p => p!["count"]!.GetValue<long>()));
        Assert.Equal(10_000, recent["growth"]!["absolute"]!.GetValue<long>());
        Assert.Equal(130_000, (await ApiClient.Json(await tenant.Client.Get($"/v1/accounts/{id}")))["followers"]!.GetValue<long>());
    }

    [ProviderFact]
    public async Task A_snapshot_without_at_is_never_older_than_the_newest_so_it_becomes_the_count()
    {
        var tenant = await Tenant.Create(App);
        var id = await CreateAccount(tenant, "ahead", withFollowers: true);
        // A point stamped ahead of the server's clock, as a client's fast clock may (up to 5 minutes is accepted). The
        // count an account is created with is the same case when the next snapshot comes in the same millisecond.
        var ahead = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddMinutes(2).ToUnixTimeMilliseconds());
        var stamped = await tenant.Client.PostJson($"/v1/accounts/{id}/followers", new { count = 125_000, at = ahead.ToString("O") });
        Assert.Equal(HttpStatusCode.Accepted, stamped.StatusCode);

        var response = await tenant.Client.PostJson($"/v1/accounts/{id}/followers", new { count = 130_000 });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var recorded = await ApiClient.Json(response);
        // Without AccountRecord.FollowerInstantNow the count is taken at the server's now, two minutes before the newest
        // point, and only joins the history (in the same millisecond as the newest, it was a 409).
        Assert.Equal(ahead.AddMilliseconds(1), recorded["at"]!.GetValue<DateTimeOffset>());
        Assert.True(recorded["current"]!.GetValue<bool>());
        Assert.Equal(130_000, (await ApiClient.Json(await tenant.Client.Get($"/v1/accounts/{id}")))["followers"]!.GetValue<long>());
    }

    [ProviderFact]
    public async Task Another_agencys_account_answers_404()
    {
        var owner = await Tenant.Create(App);
        var id = await CreateAccount(owner, "mine");
        var intruder = await Tenant.Create(App, "Intruder");

        Assert.Equal(HttpStatusCode.NotFound, (await Record(intruder, id, 5, Day)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.Client.Get($"/v1/accounts/{id}/followers")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Record(owner, "acc_nope", 5, Day)).StatusCode);
        Assert.Empty((await History(owner, id, Day.AddDays(-1), Day.AddDays(1)))["points"]!.AsArray());
    }

    [ProviderFact]
    public async Task Bad_input_is_a_400_naming_the_field()
    {
        var tenant = await Tenant.Create(App);
        var id = await CreateAccount(tenant, "strict", withFollowers: true);

        await AssertInvalid(tenant.Client.PostJson($"/v1/accounts/{id}/followers", new { count = -1 }), "count");
        await AssertInvalid(tenant.Client.PostJson($"/v1/accounts/{id}/followers", new { count = 10_000_000_001 }), "count");
        await AssertInvalid(tenant.Client.PostJson($"/v1/accounts/{id}/followers", new { at = Day.ToString("O") }), "count");
        await AssertInvalid(tenant.Client.PostJson($"/v1/accounts/{id}/followers", new { count = 1, at = "2026-01-10T10:00:00" }), "at");
        await AssertInvalid(tenant.Client.PostJson($"/v1/accounts/{id}/followers", new { count = 1, at = "yesterday" }), "at");
        await AssertInvalid(tenant.Client.PostJson($"/v1/accounts/{id}/followers",
            new { count = 1, at = DateTimeOffset.UtcNow.AddHours(1).ToString("O") }), "at");
        await AssertInvalid(tenant.Client.PostRaw($"/v1/accounts/{id}/followers", "{ \"count\": \"many\" }"), "count");
        await AssertInvalid(tenant.Client.Get($"/v1/accounts/{id}/followers?from=2026-01-10"), "from");
        await AssertInvalid(tenant.Client.Get($"/v1/accounts/{id}/followers?from=2026-01-12T00:00:00Z&to=2026-01-10T00:00:00Z"), "from");
        await AssertInvalid(tenant.Client.Get($"/v1/accounts/{id}/followers?limit=5001"), "limit");

        Assert.Equal(120_000, (await ApiClient.Json(await tenant.Client.Get($"/v1/accounts/{id}")))["followers"]!.GetValue<long>());
    }

    private static async Task AssertInvalid(Task<HttpResponseMessage> call, string field)
    {
        var response = await call;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await ApiClient.Json(response))["errors"]![field]);
    }

    private static Task<HttpResponseMessage> Record(Tenant tenant, string id, long count, DateTimeOffset at) =>
        tenant.Client.PostJson($"/v1/accounts/{id}/followers", new { count, at = at.ToString("O") });

    private static async Task<JsonNode> History(Tenant tenant, string id, DateTimeOffset from, DateTimeOffset to, string extra = "")
    {
        var response = await tenant.Client.Get(
            $"/v1/accounts/{id}/followers?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}{extra}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ApiClient.Json(response);
    }

    /// <summary>An account; without a follower count unless asked, so any first snapshot becomes its count.</summary>
    private static async Task<string> CreateAccount(Tenant tenant, string handle, bool withFollowers = false)
    {
        var body = Tenant.AccountBody(handle);
        if (!withFollowers)
        {
            body.Remove("followers");
        }
        var response = await tenant.Client.PostJson("/v1/accounts", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ApiClient.Json(response))["id"]!.GetValue<string>();
    }
}

public sealed class SqliteFollowerHistoryTests(SqliteHostFixture host) : FollowerHistoryScenarios(host), IClassFixture<SqliteHostFixture>;

[RequiresPostgres]
public sealed class PostgresFollowerHistoryTests(PostgresHostFixture host) : FollowerHistoryScenarios(host), IClassFixture<PostgresHostFixture>;
