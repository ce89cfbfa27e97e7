using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Testing;

namespace Campaigns.Host.Tests.Support;

/// <summary>
/// Builds campaigns with automation rules through the API and reads what they did: pushes by account, rule-fired
/// events. Accounts have no quiet hours, so nothing depends on the hour the tests run.
/// </summary>
public sealed class RuleCampaigns(ApiClient client)
{
    public ApiClient Client => client;

    /// <summary>A sandbox account of brand acme with this audience tag, a daily cap and a minimum gap between posts.</summary>
    public Task<string> AccountAsync(string handle, string tag, int maxPostsPerDay = 20, int minGapMinutes = 1) => CreateAsync("/v1/accounts", new JsonObject
    {
        ["platform"] = "douyin",
        ["handle"] = handle,
        ["displayName"] = "Display " + handle,
        ["brand"] = "acme",
        ["kind"] = "influencer",
        ["audienceTags"] = new JsonObject { [tag] = 0.9 },
        ["timeZone"] = "Asia/Shanghai",
        ["followers"] = 10_000,
        ["caps"] = new JsonObject { ["maxPostsPerDay"] = maxPostsPerDay, ["minGapMinutes"] = minGapMinutes },
        ["connector"] = new JsonObject { ["type"] = "sandbox" },
    });

    public Task<string> VideoAsync(string name) => CreateAsync("/v1/videos", new JsonObject
    {
        ["title"] = $"Video {name}",
        ["type"] = "product-showcase",
        ["durationSeconds"] = 60,
        ["tags"] = new JsonArray("skincare"),
    });

    /// <summary>The body of a matrix campaign starting in a second, with these rules.</summary>
    public static JsonObject Matrix(IEnumerable<string> accounts, IEnumerable<string> videos, JsonArray rules, int staggerSeconds = 0, int postsPerAccount = 1) => new()
    {
        ["name"] = "Rules",
        ["brand"] = "acme",
        ["timeZone"] = "Asia/Shanghai",
        ["videoIds"] = Array(videos),
        ["strategy"] = new JsonObject
        {
            ["kind"] = "matrix",
            ["accounts"] = new JsonObject { ["ids"] = Array(accounts) },
            ["startAt"] = DateTimeOffset.UtcNow.AddSeconds(1).ToString("O"),
            ["staggerSeconds"] = staggerSeconds,
            ["postsPerAccount"] = postsPerAccount,
        },
        ["rules"] = rules,
    };

    /// <summary>A rule in the API's shape.</summary>
    public static JsonObject Rule(string metric, string bound, double threshold, double withinMinutes, string action, JsonObject? accounts = null)
    {
        var then = new JsonObject { ["action"] = action };
        if (accounts is not null)
        {
            then["accounts"] = accounts;
        }
        return new JsonObject
        {
            ["when"] = new JsonObject { ["metric"] = metric, [bound] = threshold, ["withinMinutes"] = withinMinutes },
            ["then"] = then,
        };
    }

    public static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());

    /// <summary>Creates and launches a campaign; returns its id.</summary>
    public async Task<string> LaunchAsync(JsonObject body)
    {
        var id = await CreateAsync("/v1/campaigns", body);
        var launch = await client.Post($"/v1/campaigns/{id}/launch");
        Assert.True(launch.StatusCode == HttpStatusCode.Accepted, $"launch: {(int)launch.StatusCode} {await launch.Content.ReadAsStringAsync()}");
        return id;
    }

    public async Task<JsonNode> CampaignAsync(string id) => await ApiClient.Json(await client.Get($"/v1/campaigns/{id}"));

    public async Task<List<JsonNode>> PushesAsync(string campaign) =>
        (await ApiClient.Json(await client.Get($"/v1/campaigns/{campaign}/pushes?limit=500")))["items"]!.AsArray().Select(p => p!).ToList();

    public async Task<JsonNode> PushAsync(string id) => await ApiClient.Json(await client.Get($"/v1/pushes/{id}"));

    /// <summary>Waits until the account's first push in the campaign is published, and returns it.</summary>
    public async Task<JsonNode> PublishedPushAsync(string campaign, string account)
    {
        JsonNode? push = null;
        await Poll.Until(async () =>
        {
            push = (await PushesAsync(campaign)).FirstOrDefault(p => Account(p) == account && Status(p) == "published");
            return push is not null;
        }, TimeSpan.FromSeconds(30));
        return push!;
    }

    /// <summary>The details of the campaign's rule-fired events, oldest first.</summary>
    public async Task<List<string>> RuleFiredAsync(string campaign) =>
        (await ApiClient.Json(await client.Get($"/v1/campaigns/{campaign}/timeline")))["events"]!.AsArray()
            .Where(e => e!["type"]!.GetValue<string>() == "rule-fired").Select(e => e!["detail"]!.GetValue<string>()).ToList();

    /// <summary>Posts a cumulative snapshot; returns whether it became the latest.</summary>
    public async Task<bool> MetricsAsync(string pushId, DateTimeOffset at, long views, long likes)
    {
        var response = await client.PostJson($"/v1/pushes/{pushId}/metrics", new JsonObject
        {
            ["at"] = at.ToString("O"), ["views"] = views, ["likes"] = likes, ["comments"] = 0, ["shares"] = 0,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"metrics: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await ApiClient.Json(response))["applied"]!.GetValue<bool>();
    }

    public static string Account(JsonNode push) => push["accountId"]!.GetValue<string>();

    public static string Status(JsonNode push) => push["status"]!.GetValue<string>();

    public async Task<string> CreateAsync(string path, JsonObject body)
    {
        var response = await client.PostJson(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await ApiClient.Json(response))["id"]!.GetValue<string>();
    }
}
