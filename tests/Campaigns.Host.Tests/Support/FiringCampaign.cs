using System.Net;
using System.Text.Json.Nodes;

namespace Campaigns.Host.Tests.Support;

/// <summary>
/// A matrix campaign that fires within seconds, built through the API: accounts without quiet hours (so the
/// plan does not depend on the hour the tests run), videos, the campaign, and reads of its progress and pushes.
/// </summary>
public sealed record FiringCampaign(ApiClient Client, string Id, int Planned)
{
    /// <summary>
    /// Creates the accounts, videos and campaign, launches it, and returns it. All accounts start at once
    /// (stagger 0): the planner never lets two accounts on one platform post one video at one instant, so it nudges
    /// them a second apart — accounts / (platforms × videos) seconds of firing, several pushes each second.
    /// </summary>
    public static async Task<FiringCampaign> LaunchAsync(
        ApiClient client, int accounts, string[] platforms, int videos, TimeSpan startIn, int parallelism = 4)
    {
        var accountIds = new string[accounts];
        await Parallel.ForEachAsync(Enumerable.Range(0, accounts), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, _) =>
            accountIds[i] = await CreateAsync(client, "/v1/accounts", Account($"fire{i}", platforms[i % platforms.Length])));
        var videoIds = new List<string>();
        for (var v = 0; v < videos; v++)
        {
            videoIds.Add(await CreateAsync(client, "/v1/videos", Video($"v{v}")));
        }
        var id = await CreateAsync(client, "/v1/campaigns", Matrix(accountIds, videoIds, DateTimeOffset.UtcNow + startIn));
        var launch = await client.Post($"/v1/campaigns/{id}/launch");
        Assert.True(launch.StatusCode == HttpStatusCode.Accepted, $"launch: {(int)launch.StatusCode} {await launch.Content.ReadAsStringAsync()}");
        var launched = new FiringCampaign(client, id, 0);
        return launched with { Planned = (await launched.ReadAsync()).Progress["planned"]!.GetValue<int>() };
    }

    /// <summary>The campaign's status and progress counts (<c>planned, scheduled, published, cancelled, …</c>).</summary>
    public async Task<(string Status, JsonNode Progress)> ReadAsync()
    {
        var response = await Client.Get($"/v1/campaigns/{Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ApiClient.Json(response);
        return (body["status"]!.GetValue<string>(), body["progress"]!);
    }

    /// <summary>How many pushes are published now.</summary>
    public async Task<int> PublishedAsync() => (await ReadAsync()).Progress["published"]!.GetValue<int>();

    public async Task<string> StatusAsync() => (await ReadAsync()).Status;

    /// <summary>Every push of the campaign, all pages.</summary>
    public async Task<List<JsonNode>> PushesAsync()
    {
        var pushes = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var page = await ApiClient.Json(await Client.Get($"/v1/campaigns/{Id}/pushes?limit=500" + (cursor is null ? "" : $"&cursor={cursor}")));
            pushes.AddRange(page["items"]!.AsArray().Select(p => p!));
            cursor = page["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return pushes;
    }

    /// <summary>Sends a lifecycle command (pause, resume, cancel) and returns the status it answered with.</summary>
    public async Task<string> CommandAsync(string verb)
    {
        var response = await Client.Post($"/v1/campaigns/{Id}/{verb}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{verb}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await ApiClient.Json(response))["status"]!.GetValue<string>();
    }

    /// <summary>Creates an agency with the admin client and returns its id and API key.</summary>
    public static async Task<(string Id, string ApiKey)> CreateAgencyAsync(ApiClient admin)
    {
        var response = await admin.PostJson("/v1/agencies", new { name = "Timed Pushes Agency" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await ApiClient.Json(response);
        return (body["id"]!.GetValue<string>(), body["apiKey"]!.GetValue<string>());
    }

    private static JsonObject Account(string handle, string platform) => new()
    {
        ["platform"] = platform,
        ["handle"] = handle,
        ["displayName"] = "Display " + handle,
        ["brand"] = "acme",
        ["kind"] = "grassroots",
        ["timeZone"] = "Asia/Shanghai",
        ["followers"] = 5000,
        ["caps"] = new JsonObject { ["maxPostsPerDay"] = 20, ["minGapMinutes"] = 1 },
        ["connector"] = new JsonObject { ["type"] = "sandbox" },
    };

    private static JsonObject Video(string name) => new()
    {
        ["title"] = $"Video {name}",
        ["type"] = "product-showcase",
        ["durationSeconds"] = 30,
        ["tags"] = new JsonArray("skincare"),
    };

    private static JsonObject Matrix(IEnumerable<string> accounts, IEnumerable<string> videos, DateTimeOffset start) => new()
    {
        ["name"] = "Timed pushes",
        ["brand"] = "acme",
        ["goal"] = "awareness",
        ["timeZone"] = "Asia/Shanghai",
        ["videoIds"] = new JsonArray(videos.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()),
        ["strategy"] = new JsonObject
        {
            ["kind"] = "matrix",
            ["accounts"] = new JsonObject { ["ids"] = new JsonArray(accounts.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()) },
            ["startAt"] = start.ToString("O"),
            ["staggerSeconds"] = 0,
        },
    };

    private static async Task<string> CreateAsync(ApiClient client, string path, JsonObject body)
    {
        var response = await client.PostJson(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await ApiClient.Json(response))["id"]!.GetValue<string>();
    }
}
