using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Host.Tests.Support;

namespace Campaigns.Host.Tests;

/// <summary>
/// Inputs that would cost far more than they are worth are refused: absurd engagement counters, schedules that fire
/// every second or make too many pushes a firing (huge imports: <see cref="ImportFloodTests"/>).
/// </summary>
public sealed class InputLimitTests(InputLimitTests.Host host) : IClassFixture<InputLimitTests.Host>
{
    private const int MaxPushesPerFiring = 2;

    public sealed class Host : SqliteHostFixture
    {
        protected override IReadOnlyDictionary<string, string> Overrides { get; } = new Dictionary<string, string>
        {
            ["Campaigns:Schedules:MaxPushesPerFiring"] = MaxPushesPerFiring.ToString(),
        };
    }

    private CampaignsApp App => host.App;

    [Fact]
    public async Task An_engagement_counter_above_a_trillion_is_refused_naming_it()
    {
        var tenant = await Tenant.Create(App);
        const string push = "/v1/pushes/psh_0190000000000000abcdef/metrics";

        var over = await tenant.Client.PostJson(push, new { at = "2026-01-01T00:00:00+00:00", views = 1_000_000_000_001, likes = 5, gmv = 1_000_000_000_000.5m });

        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        var errors = (await ApiClient.Json(over))["errors"]!.AsObject().Select(e => e.Key).ToHashSet();
        Assert.Equal(new HashSet<string> { "views", "gmv" }, errors);
        // At the maximum the snapshot is valid, and only the push is missing.
        var atMax = await tenant.Client.PostJson(push, new { at = "2026-01-01T00:00:00+00:00", views = 1_000_000_000_000, orders = 1_000_000_000_000, gmv = 1_000_000_000_000m });
        Assert.Equal(HttpStatusCode.NotFound, atMax.StatusCode);
    }

    [Fact]
    public async Task A_schedule_firing_more_than_once_a_minute_or_making_too_many_pushes_a_firing_is_refused()
    {
        var tenant = await Tenant.Create(App);
        var accounts = new List<string>();
        for (var i = 0; i <= MaxPushesPerFiring; i++)
        {
            accounts.Add(await Create(tenant, "/v1/accounts", Tenant.AccountBody($"limit_{i}")));
        }
        var video = await Create(tenant, "/v1/videos", new JsonObject { ["title"] = "Queued", ["type"] = "skill-sharing", ["durationSeconds"] = 60 });
        object Schedule(string cron, IEnumerable<string> ids) =>
            new { accountIds = ids, cron, timeZone = "Asia/Shanghai", videoQueue = new[] { video } };

        var everyTwoSeconds = await tenant.Client.PostJson("/v1/schedules", Schedule("0/2 * * * * ?", accounts.Take(1)));
        var twiceAMinute = await tenant.Client.PostJson("/v1/schedules", Schedule("0,30 0 20 * * ?", accounts.Take(1)));
        var tooMany = await tenant.Client.PostJson("/v1/schedules", Schedule("0 0 20 * * ?", accounts));

        Assert.Equal(["cron"], await ErrorFields(everyTwoSeconds));
        Assert.Equal(["cron"], await ErrorFields(twiceAMinute));
        Assert.Equal(["accountIds"], await ErrorFields(tooMany));
        Assert.Empty((await ApiClient.Json(await tenant.Client.Get("/v1/schedules")))["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.Created, (await tenant.Client.PostJson("/v1/schedules", Schedule("0 */1 * * * ?", accounts.Take(MaxPushesPerFiring)))).StatusCode);
    }

    private static async Task<List<string>> ErrorFields(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await ApiClient.Json(response))["errors"]!.AsObject().Select(e => e.Key).ToList();
    }

    private static async Task<string> Create(Tenant tenant, string path, JsonObject body)
    {
        var response = await tenant.Client.PostJson(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await ApiClient.Json(response))["id"]!.GetValue<string>();
    }
}
