using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Host.Tests.Support;
using Campaigns.Scheduling.Brands;
using Campaigns.Storage;
using Campaigns.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Campaigns.Host.Tests;

/// <summary>
/// A freeze that fails part-way, through the real host on SQLite: the answer says it is recorded but not fully
/// applied (not "nothing was changed"), and the same request again, with the same Idempotency-Key, finishes it.
/// The outage is the database refusing one campaign's state writes (a SQLite trigger), so the store and Orleans'
/// grain storage meet a real database error.
/// </summary>
public sealed class BrandFreezeFaultTests(SqliteHostFixture host) : IClassFixture<SqliteHostFixture>
{
    [Fact]
    public async Task A_freeze_failing_part_way_answers_503_not_yet_applied_and_its_retry_with_the_same_key_finishes_it()
    {
        var tenant = await Tenant.Create(host.App);
        var video = await CreateAsync(tenant, "/v1/videos", new JsonObject { ["title"] = "Thaw", ["type"] = "skit", ["durationSeconds"] = 30 });
        var first = await LaunchAsync(tenant, "fz_one", video);
        var second = await LaunchAsync(tenant, "fz_two", video); // created later: its id sorts after the first's

        var trigger = $"fault_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE TRIGGER {trigger} BEFORE UPDATE ON OrleansStorage WHEN CAST(NEW.PayloadBinary AS TEXT) LIKE '%{second}%' BEGIN SELECT RAISE(ABORT, 'injected storage fault'); END");
        var failed = await tenant.Client.PostJson("/v1/brands/frost/freeze", new { }, idempotencyKey: "freeze-1");

        // Guarded by the CommandIncompleteException line of GatewayExceptionHandler: without it this is the 503 whose
        // detail says nothing was changed, while the brand is frozen and the first campaign paused.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal("Not yet fully applied", (await ApiClient.Json(failed))["title"]!.GetValue<string>());
        Assert.Equal("paused", await StatusAsync(tenant, first));
        Assert.Equal("scheduled", await StatusAsync(tenant, second));

        await ExecuteAsync($"DROP TRIGGER {trigger}");
        var retried = await tenant.Client.PostJson("/v1/brands/frost/freeze", new { }, idempotencyKey: "freeze-1");

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(new[] { first, second }.Order(), (await ApiClient.Json(retried))["campaignIds"]!.AsArray().Select(c => c!.GetValue<string>()).Order());
        Assert.Equal("paused", await StatusAsync(tenant, second));
    }

    [Fact]
    public async Task A_freeze_cut_short_is_finished_by_its_durable_trigger_after_the_brand_grain_is_gone()
    {
        var tenant = await Tenant.Create(host.App);
        var video = await CreateAsync(tenant, "/v1/videos", new JsonObject { ["title"] = "Thaw", ["type"] = "skit", ["durationSeconds"] = 30 });
        var first = await LaunchAsync(tenant, "fz_three", video);
        var second = await LaunchAsync(tenant, "fz_four", video);
        var trigger = $"fault_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE TRIGGER {trigger} BEFORE UPDATE ON OrleansStorage WHEN CAST(NEW.PayloadBinary AS TEXT) LIKE '%{second}%' BEGIN SELECT RAISE(ABORT, 'injected storage fault'); END");

        var failed = await tenant.Client.PostJson("/v1/brands/frost/freeze", new { });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(("paused", "scheduled"), (await StatusAsync(tenant, first), await StatusAsync(tenant, second)));

        // The brand grain goes, and its retry timer with it (as in a crash); then the outage ends. Nobody calls the brand
        // again: reading a campaign does not, and no push of the brand is due.
        var grains = host.App.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await ExecuteAsync($"DROP TRIGGER {trigger}");

        // Guarded by "await StorageCalls.Guard(() => _applying.ArmAsync(...))" in BrandGrain.ChangeAsync: without the
        // durable trigger the second campaign stays scheduled, its pushes free to fire in a frozen brand, until something
        // happens to activate the brand grain again.
        await Poll.Until(async () => await StatusAsync(tenant, second) == "paused", TimeSpan.FromSeconds(90));
        // Applied, the brand removes its trigger (DoneAsync).
        var triggers = host.App.Services.GetRequiredService<BrandApplyTriggers>();
        await Poll.Until(async () => await triggers.NextAsync(tenant.Id, "frost") is null, TimeSpan.FromSeconds(60));
    }

    private async Task<string> LaunchAsync(Tenant tenant, string handle, string video)
    {
        var account = Tenant.AccountBody(handle, brand: "frost");
        account["caps"]!.AsObject().Remove("quietHours");
        var accountId = await CreateAsync(tenant, "/v1/accounts", account);
        var campaign = await CreateAsync(tenant, "/v1/campaigns", new JsonObject
        {
            ["name"] = handle,
            ["brand"] = "frost",
            ["timeZone"] = "Asia/Shanghai",
            ["videoIds"] = new JsonArray(video),
            ["strategy"] = new JsonObject
            {
                ["kind"] = "matrix",
                ["accounts"] = new JsonObject { ["ids"] = new JsonArray(accountId) },
                ["startAt"] = DateTimeOffset.UtcNow.AddHours(2).ToString("O"),
                ["staggerSeconds"] = 0,
            },
        });
        Assert.Equal(HttpStatusCode.Accepted, (await tenant.Client.Post($"/v1/campaigns/{campaign}/launch")).StatusCode);
        return campaign;
    }

    private static async Task<string> CreateAsync(Tenant tenant, string path, JsonObject body)
    {
        var response = await tenant.Client.PostJson(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await ApiClient.Json(response))["id"]!.GetValue<string>();
    }

    private static async Task<string> StatusAsync(Tenant tenant, string campaign) =>
        (await ApiClient.Json(await tenant.Client.Get($"/v1/campaigns/{campaign}")))["status"]!.GetValue<string>();

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await host.App.Services.GetRequiredService<DbConnectionFactory>().OpenAsync();
        await connection.ExecuteAsync(sql);
    }
}
