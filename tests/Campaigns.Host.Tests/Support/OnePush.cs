using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Testing;

namespace Campaigns.Host.Tests.Support;

/// <summary>
/// One push through the API: a new account (without quiet hours, so the hour the tests run does not matter) with
/// the given connector, a product, a video, and a matrix campaign launched to fire within a second.
/// </summary>
public static class OnePush
{
    /// <summary>Launches the campaign and waits until its one push has <paramref name="status"/>; returns the push.</summary>
    public static async Task<(JsonNode Push, string ProductId)> LaunchAsync(Tenant tenant, JsonObject? connector, string status = "published") =>
        await LaunchAsync(tenant, await CreateAccountAsync(tenant, connector), status);

    /// <summary>A new account without quiet hours, with the given connector (the sandbox when null); returns its id.</summary>
    public static Task<string> CreateAccountAsync(Tenant tenant, JsonObject? connector)
    {
        var account = Tenant.AccountBody("op_" + Guid.NewGuid().ToString("N")[..8]);
        account["caps"]!.AsObject().Remove("quietHours");
        if (connector is not null)
        {
            account["connector"] = connector;
        }
        return CreateAsync(tenant, "/v1/accounts", account);
    }

    /// <summary>Launches a one-push campaign on an existing account and waits until the push has <paramref name="status"/>.</summary>
    public static async Task<(JsonNode Push, string ProductId)> LaunchAsync(Tenant tenant, string accountId, string status = "published")
    {
        var productId = await CreateAsync(tenant, "/v1/products", new JsonObject
        {
            ["sku"] = "OP-" + Guid.NewGuid().ToString("N")[..6], ["title"] = "Serum",
            ["price"] = new JsonObject { ["amount"] = 199, ["currency"] = "CNY" },
        });
        var videoId = await CreateAsync(tenant, "/v1/videos", new JsonObject
        {
            ["title"] = "Demo", ["type"] = "product-showcase", ["durationSeconds"] = 120, ["productIds"] = new JsonArray(productId),
        });
        var campaign = await CreateAsync(tenant, "/v1/campaigns", new JsonObject
        {
            ["name"] = "One push", ["timeZone"] = "Asia/Shanghai", ["videoIds"] = new JsonArray(videoId),
            ["strategy"] = new JsonObject
            {
                ["kind"] = "matrix", ["accounts"] = new JsonObject { ["ids"] = new JsonArray(accountId) },
                ["startAt"] = DateTimeOffset.UtcNow.AddSeconds(1).ToString("O"), ["staggerSeconds"] = 0,
            },
        });
        Assert.Equal(HttpStatusCode.Accepted, (await tenant.Client.Post($"/v1/campaigns/{campaign}/launch")).StatusCode);
        JsonNode? push = null;
        await Poll.Until(async () =>
        {
            var items = (await ApiClient.Json(await tenant.Client.Get($"/v1/campaigns/{campaign}/pushes?status={status}")))["items"]!.AsArray();
            push = items.Count == 1 ? items[0] : null;
            return push is not null;
        }, TimeSpan.FromSeconds(60));
        return (push!, productId);
    }

    private static async Task<string> CreateAsync(Tenant tenant, string path, JsonObject body)
    {
        var response = await tenant.Client.PostJson(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await ApiClient.Json(response))["id"]!.GetValue<string>();
    }
}
