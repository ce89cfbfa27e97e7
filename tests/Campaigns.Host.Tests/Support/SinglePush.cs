using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Testing;

namespace Campaigns.Host.Tests.Support;

/// <summary>
/// A campaign of one account posting one video once, at an instant a few seconds ahead, through the given connector
/// (a <see cref="FakePlatform"/>, usually) — and reads of that one push as the API shows it.
/// </summary>
public sealed record SinglePush(Tenant Tenant, string AccountId, string VideoId, string CampaignId, string PushId)
{
    /// <summary>The idempotency key every attempt of the push carries.</summary>
    public string Key => $"{Tenant.Id}:{PushId}";

    public static async Task<SinglePush> LaunchAsync(Tenant tenant, FakePlatform platform, TimeSpan startIn) =>
        await LaunchAsync(tenant, new JsonObject
        {
            ["type"] = "webhook", ["url"] = platform.Url, ["secret"] = "a-webhook-secret-of-sufficient-length",
        }, startIn);

    public static async Task<SinglePush> LaunchAsync(Tenant tenant, JsonObject connector, TimeSpan startIn)
    {
        var account = Tenant.AccountBody("one_" + Guid.NewGuid().ToString("N")[..10]);
        account["caps"]!.AsObject().Remove("quietHours");
        account["connector"] = connector;
        var accountId = await CreateAsync(tenant, "/v1/accounts", account);
        var videoId = await CreateAsync(tenant, "/v1/videos", new JsonObject
        {
            ["title"] = "One video", ["type"] = "product-showcase", ["durationSeconds"] = 30,
        });
        var campaignId = await CreateAsync(tenant, "/v1/campaigns", new JsonObject
        {
            ["name"] = "One push", ["timeZone"] = "Asia/Shanghai", ["videoIds"] = new JsonArray(videoId),
            ["strategy"] = new JsonObject
            {
                ["kind"] = "matrix", ["accounts"] = new JsonObject { ["ids"] = new JsonArray(accountId) },
                ["startAt"] = DateTimeOffset.UtcNow.Add(startIn).ToString("O"), ["staggerSeconds"] = 0,
            },
        });
        var launch = await tenant.Client.Post($"/v1/campaigns/{campaignId}/launch");
        Assert.True(launch.StatusCode == HttpStatusCode.Accepted, $"launch: {(int)launch.StatusCode} {await launch.Content.ReadAsStringAsync()}");
        var pushes = (await ApiClient.Json(await tenant.Client.Get($"/v1/campaigns/{campaignId}/pushes")))["items"]!.AsArray();
        return new SinglePush(tenant, accountId, videoId, campaignId, Assert.Single(pushes)!["id"]!.GetValue<string>());
    }

    /// <summary>The push as <c>GET /v1/pushes/{id}</c> shows it.</summary>
    public async Task<JsonNode> ReadAsync(string? pushId = null) =>
        await ApiClient.Json(await Tenant.Client.Get($"/v1/pushes/{pushId ?? PushId}"));

    /// <summary>Waits until the push is in <paramref name="status"/> and returns it.</summary>
    public async Task<JsonNode> WaitForAsync(string status, TimeSpan within, string? pushId = null)
    {
        JsonNode push = new JsonObject();
        try
        {
            await Poll.Until(async () => (push = await ReadAsync(pushId))["status"]!.GetValue<string>() == status, within);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The push was not {status} within {within}; last seen: {push.ToJsonString()}");
        }
        return push;
    }

    private static async Task<string> CreateAsync(Tenant tenant, string path, JsonObject body)
    {
        var response = await tenant.Client.PostJson(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await ApiClient.Json(response))["id"]!.GetValue<string>();
    }
}
