using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Campaigns.Benchmarks.Infrastructure;

/// <summary>A published push as <c>GET /v1/campaigns/{id}/pushes</c> lists it.</summary>
public sealed record PublishedPush(
    string Id, string AccountId, DateTimeOffset ScheduledAt, DateTimeOffset FiredAt, DateTimeOffset PublishedAt, string PostId, int Attempts);

/// <summary>
/// Campaigns of one push per account whose videos carry a <c>mediaUrl</c> (on the fakes' media server), for the
/// benchmarks that publish on a platform fake rather than the sandbox.
/// </summary>
public static class PlatformCampaigns
{
    /// <summary>Creates <paramref name="count"/> 30-second videos of the media at <paramref name="mediaUrl"/>; their ids.</summary>
    public static async Task<List<string>> CreateVideosAsync(ApiClient api, string key, int count, Uri mediaUrl, CancellationToken cancellationToken)
    {
        var ids = new List<string>(count);
        for (var v = 0; v < count; v++)
        {
            var body = new JsonObject
            {
                ["title"] = $"Bench video {v}",
                ["copy"] = "Synthetic benchmark video.",
                ["type"] = "product-showcase",
                ["durationSeconds"] = 30,
                ["mediaUrl"] = mediaUrl.AbsoluteUri,
                ["tags"] = new JsonArray("beauty"),
            };
            ids.Add((await BenchApi.PostJsonAsync(api, key, "v1/videos", body, HttpStatusCode.Created, cancellationToken))["id"]!.GetValue<string>());
        }
        return ids;
    }

    /// <summary>
    /// Creates and launches a matrix campaign: one push per account at <paramref name="startAt"/> (stagger 0). The
    /// planner never puts one video on one platform twice at an instant, so give at least as many videos as accounts.
    /// Checks the launch answered 202 with every push scheduled.
    /// </summary>
    public static async Task<string> LaunchAsync(
        ApiClient api, string key, string name, IReadOnlyList<string> accountIds, IReadOnlyList<string> videoIds, DateTimeOffset startAt, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["name"] = name,
            ["brand"] = "bench",
            ["timeZone"] = "Asia/Shanghai",
            ["videoIds"] = new JsonArray(videoIds.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()),
            ["strategy"] = new JsonObject
            {
                ["kind"] = "matrix",
                ["accounts"] = new JsonObject { ["ids"] = new JsonArray(accountIds.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()) },
                ["startAt"] = startAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
                ["staggerSeconds"] = 0,
                ["postsPerAccount"] = 1,
            },
        };
        var id = (await BenchApi.PostJsonAsync(api, key, "v1/campaigns", body, HttpStatusCode.Created, cancellationToken))["id"]!.GetValue<string>();
        var launched = await BenchApi.PostJsonAsync(api, key, $"v1/campaigns/{id}/launch", new JsonObject(), HttpStatusCode.Accepted, cancellationToken);
        if (launched["status"]!.GetValue<string>() != "scheduled" || launched["progress"]!["scheduled"]!.GetValue<int>() != accountIds.Count)
        {
            throw new BenchmarkFailedException($"{name}: the launch answered {BenchApi.Truncate(launched.ToJsonString())}");
        }
        return id;
    }

    /// <summary>Polls the campaign every <paramref name="every"/> until <c>completed</c>, failing at the deadline.</summary>
    public static async Task<JsonNode> WaitCompletedAsync(
        ApiClient api, string key, string campaignId, DateTimeOffset deadline, TimeSpan every, CancellationToken cancellationToken)
    {
        while (true)
        {
            var campaign = await api.GetJsonAsync($"v1/campaigns/{campaignId}", key, cancellationToken);
            if (campaign["status"]!.GetValue<string>() == "completed")
            {
                return campaign;
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new BenchmarkFailedException($"campaign {campaignId} not completed by {deadline:HH:mm:ss}: status {campaign["status"]}, "
                    + $"progress {campaign["progress"]!.ToJsonString()}");
            }
            await Task.Delay(every, cancellationToken);
        }
    }

    /// <summary>
    /// The campaign's pushes, which must all be published (checked against <paramref name="expected"/>), each with
    /// firedAt, publishedAt and a post id.
    /// </summary>
    public static async Task<List<PublishedPush>> PublishedAsync(ApiClient api, string key, string campaignId, int expected, CancellationToken cancellationToken)
    {
        var pushes = new List<PublishedPush>(expected);
        string? cursor = null;
        do
        {
            var node = await api.GetJsonAsync($"v1/campaigns/{campaignId}/pushes?limit=500" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)),
                key, cancellationToken);
            foreach (var item in node["items"]!.AsArray())
            {
                if (item!["status"]!.GetValue<string>() != "published" || item["firedAt"] is null || item["publishedAt"] is null || item["platformPostId"] is null)
                {
                    throw new BenchmarkFailedException($"campaign {campaignId}: push {item["id"]} is {item["status"]} "
                        + $"(firedAt {item["firedAt"]}, publishedAt {item["publishedAt"]}, post {item["platformPostId"]}, {item["lastError"]})");
                }
                pushes.Add(new PublishedPush(item["id"]!.GetValue<string>(), item["accountId"]!.GetValue<string>(), item["scheduledAt"]!.GetValue<DateTimeOffset>(),
                    item["firedAt"]!.GetValue<DateTimeOffset>(), item["publishedAt"]!.GetValue<DateTimeOffset>(), item["platformPostId"]!.GetValue<string>(),
                    item["attempts"]!.GetValue<int>()));
            }
            cursor = node["nextCursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        if (pushes.Count != expected || pushes.Select(p => p.Id).Distinct().Count() != expected)
        {
            throw new BenchmarkFailedException($"campaign {campaignId}: {pushes.Count} pushes listed ({pushes.Select(p => p.Id).Distinct().Count()} distinct), expected {expected}");
        }
        return pushes;
    }
}
