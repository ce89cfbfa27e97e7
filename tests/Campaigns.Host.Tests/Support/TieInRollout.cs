using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Testing;

namespace Campaigns.Host.Tests.Support;

/// <summary>
/// A celebrity tie-in built through the API, and the reads its tests need. Accounts have no quiet hours and no
/// followers, so the plan does not depend on the hour and simulated engagement stays far below any gate the tests
/// use: gates open only on the snapshots a test posts.
/// </summary>
public sealed record TieInRollout(ApiClient Client, string Id)
{
    /// <summary>Creates an account of the given kind and returns its id.</summary>
    public static async Task<string> AccountAsync(ApiClient client, string kind, string platform = "douyin")
    {
        var body = Tenant.AccountBody($"{kind}_{Guid.NewGuid():N}"[..24], platform, kind);
        body["followers"] = 0;
        body["caps"] = new JsonObject { ["maxPostsPerDay"] = 20, ["minGapMinutes"] = 1 };
        return await CreateAsync(client, "/v1/accounts", body);
    }

    public static Task<string> VideoAsync(ApiClient client) => CreateAsync(client, "/v1/videos", new JsonObject
    {
        ["title"] = "Launch teaser", ["type"] = "influencer-ip", ["durationSeconds"] = 30, ["tags"] = new JsonArray("skincare"),
    });

    /// <summary>A wave: ids or a selector (a JSON object), a stagger, and a gate.</summary>
    public static JsonObject Wave(JsonObject accounts, JsonObject gate, int staggerSeconds = 0) => new()
    {
        ["accounts"] = accounts, ["staggerSeconds"] = staggerSeconds, ["gate"] = gate,
    };

    public static JsonObject Ids(params string[] ids) => new() { ["ids"] = new JsonArray(ids.Select(i => (JsonNode)JsonValue.Create(i)!).ToArray()) };

    public static JsonObject Gate(long? minViews = null, double? minEngagementRate = null, double maxWaitMinutes = 60, string? onTimeout = null)
    {
        var gate = new JsonObject { ["maxWaitMinutes"] = maxWaitMinutes };
        if (minViews is not null) gate["minViews"] = minViews;
        if (minEngagementRate is not null) gate["minEngagementRate"] = minEngagementRate;
        if (onTimeout is not null) gate["onTimeout"] = onTimeout;
        return gate;
    }

    /// <summary>The body of <c>POST /v1/campaigns</c> for a tie-in.</summary>
    public static JsonObject Body(IEnumerable<string> celebrities, string video, DateTimeOffset startAt, params JsonObject[] waves) => new()
    {
        ["name"] = "Tie-in",
        ["brand"] = "acme",
        ["timeZone"] = "Asia/Shanghai",
        ["videoIds"] = new JsonArray(video),
        ["strategy"] = new JsonObject
        {
            ["kind"] = "celebrityTieIn",
            ["celebrityAccountIds"] = new JsonArray(celebrities.Select(c => (JsonNode)JsonValue.Create(c)!).ToArray()),
            ["startAt"] = startAt.ToString("O"),
            ["waves"] = new JsonArray(waves.Cast<JsonNode>().ToArray()),
        },
    };

    /// <summary>Creates and launches the tie-in.</summary>
    public static async Task<TieInRollout> LaunchAsync(ApiClient client, JsonObject body)
    {
        var rollout = new TieInRollout(client, await CreateAsync(client, "/v1/campaigns", body));
        var launch = await client.Post($"/v1/campaigns/{rollout.Id}/launch");
        Assert.True(launch.StatusCode == HttpStatusCode.Accepted, $"launch: {(int)launch.StatusCode} {await launch.Content.ReadAsStringAsync()}");
        return rollout;
    }

    public async Task<JsonNode> ReadAsync() => await ApiClient.Json(await Client.Get($"/v1/campaigns/{Id}"));

    /// <summary>Every push of the campaign (one page is enough for these small rollouts).</summary>
    public async Task<List<JsonNode>> PushesAsync() =>
        (await ApiClient.Json(await Client.Get($"/v1/campaigns/{Id}/pushes?limit=500")))["items"]!.AsArray().Select(p => p!).ToList();

    public async Task<List<JsonNode>> WaveAsync(int wave) => (await PushesAsync()).Where(p => p["wave"]!.GetValue<int>() == wave).ToList();

    /// <summary>The timeline's events as (type, detail), oldest first.</summary>
    public async Task<List<(string Type, string Detail)>> TimelineAsync() =>
        (await ApiClient.Json(await Client.Get($"/v1/campaigns/{Id}/timeline")))["events"]!.AsArray()
            .Select(e => (e!["type"]!.GetValue<string>(), e["detail"]!.GetValue<string>())).ToList();

    /// <summary>Waits until every push of the wave is in the status.</summary>
    public Task UntilWaveAsync(int wave, string status, int seconds = 30) => Poll.Until(async () =>
        (await WaveAsync(wave)) is { Count: > 0 } pushes && pushes.All(p => p["status"]!.GetValue<string>() == status), TimeSpan.FromSeconds(seconds));

    /// <summary>Posts a cumulative snapshot, stamped now, for a published push.</summary>
    public async Task SnapshotAsync(string pushId, long views, long likes)
    {
        var response = await Client.PostJson($"/v1/pushes/{pushId}/metrics", new JsonObject
        {
            ["at"] = DateTimeOffset.UtcNow.ToString("O"), ["views"] = views, ["likes"] = likes, ["comments"] = 0, ["shares"] = 0,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"metrics: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A number from a timeline detail written as <c>name=value</c>.</summary>
    public static double Number(string detail, string name)
    {
        var start = detail.IndexOf(name + "=", StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{name}=' not in: {detail}");
        var value = new string(detail[(start + name.Length + 1)..].TakeWhile(c => char.IsDigit(c) || c == '.').ToArray());
        return double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> CreateAsync(ApiClient client, string path, JsonObject body)
    {
        var response = await client.PostJson(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await ApiClient.Json(response))["id"]!.GetValue<string>();
    }
}
