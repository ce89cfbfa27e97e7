using System.Net;
using System.Text.Json.Nodes;
using Campaigns.PlatformFakes;
using Campaigns.PlatformFakes.Douyin;
using Campaigns.PlatformFakes.Instagram;
using Campaigns.PlatformFakes.Kuaishou;
using Campaigns.PlatformFakes.TikTok;
using Campaigns.PlatformFakes.YouTube;
using Campaigns.Testing;

namespace Campaigns.Host.Tests.Support;

/// <summary>An account on a platform fake, connected as a user of its own, and a one-push campaign for it.</summary>
public sealed record PublishFlow(Tenant Tenant, string Type, string AccountId, string UserId, FakeServer Fake)
{
    /// <summary>Creates an account of <paramref name="type"/> without quiet hours; connects it unless told not to.</summary>
    public static async Task<PublishFlow> Account(PublishHostFixture host, string type, bool connect = true, int minGapMinutes = 1)
    {
        var tenant = await Tenant.Create(host.App);
        var body = AccountBody(type, host.Fakes.PlatformOf(type));
        body["caps"]!["minGapMinutes"] = minGapMinutes;
        var account = await Created(tenant.Client, "/v1/accounts", body);
        var flow = new PublishFlow(tenant, type, account, "user-" + Guid.NewGuid().ToString("N")[..8], host.Fakes.For(type));
        if (connect)
        {
            await flow.ConnectAsync(host);
        }
        return flow;
    }

    /// <summary>Connects (again) through the platform's consent as this flow's user.</summary>
    public async Task ConnectAsync(PublishHostFixture host)
    {
        Fake.Accounts.NextConsentingUser = UserId;
        await ConnectFlow.Connect(host.App, Tenant, AccountId);
    }

    /// <summary>Launches a campaign of one push of a <paramref name="bytes"/>-byte video, due in a second or two; the push's id.</summary>
    public Task<(string CampaignId, string PushId)> LaunchAsync(PublishHostFixture host, long bytes = 1_000_000) =>
        LaunchOnePushAsync(Tenant.Client, AccountId, host.Media.Video(bytes));

    /// <summary>
    /// Launches, through <paramref name="client"/>, a campaign of one push of the video at <paramref name="mediaUrl"/>
    /// for one account, due in a second or two; the campaign's and the push's ids.
    /// </summary>
    public static async Task<(string CampaignId, string PushId)> LaunchOnePushAsync(
        ApiClient client, string accountId, Uri mediaUrl, DateTimeOffset? startAt = null)
    {
        var video = await Created(client, "/v1/videos", new JsonObject
        {
            ["title"] = "Serum in 30 seconds",
            ["type"] = "product-showcase",
            ["durationSeconds"] = 30,
            ["mediaUrl"] = mediaUrl.AbsoluteUri,
            ["tags"] = new JsonArray("skincare"),
        });
        var campaign = await Created(client, "/v1/campaigns", new JsonObject
        {
            ["name"] = "Publish once",
            ["brand"] = "acme",
            ["goal"] = "awareness",
            ["timeZone"] = "Asia/Shanghai",
            ["videoIds"] = new JsonArray(video),
            ["strategy"] = new JsonObject
            {
                ["kind"] = "matrix",
                ["accounts"] = new JsonObject { ["ids"] = new JsonArray(accountId) },
                ["startAt"] = (startAt ?? DateTimeOffset.UtcNow.AddSeconds(2)).ToString("O"),
                ["staggerSeconds"] = 0,
            },
        });
        var launch = await client.Post($"/v1/campaigns/{campaign}/launch");
        Assert.True(launch.StatusCode == HttpStatusCode.Accepted, $"launch: {(int)launch.StatusCode} {await launch.Content.ReadAsStringAsync()}");
        var pushes = await ApiClient.Json(await client.Get($"/v1/campaigns/{campaign}/pushes"));
        return (campaign, Assert.Single(pushes["items"]!.AsArray())!["id"]!.GetValue<string>());
    }

    /// <summary>An account on <paramref name="type"/>'s connector without quiet hours, so it may post at any hour.</summary>
    public static JsonObject AccountBody(string type, string platform)
    {
        var body = Tenant.AccountBody($"{type}_{Guid.NewGuid():N}"[..20], platform);
        body["connector"] = new JsonObject { ["type"] = type };
        body["caps"] = new JsonObject { ["maxPostsPerDay"] = 20, ["minGapMinutes"] = 1 };
        return body;
    }

    /// <summary>The push as the API shows it.</summary>
    public async Task<JsonNode> PushAsync(string pushId) => await ApiClient.Json(await Tenant.Client.Get($"/v1/pushes/{pushId}"));

    /// <summary>Waits (deadline-bounded) until the push is in <paramref name="status"/>; the push then.</summary>
    public async Task<JsonNode> UntilAsync(string pushId, string status, TimeSpan? within = null)
    {
        JsonNode push = null!;
        await Poll.Until(async () => (push = await PushAsync(pushId))["status"]!.GetValue<string>() == status, within ?? TimeSpan.FromSeconds(60));
        return push;
    }

    /// <summary>Posts the fake created for this flow's user.</summary>
    public IReadOnlyList<FakePost> Posts => FakePosts.Of(UserId);

    /// <summary>Every post of the fake, with the engagement it reports.</summary>
    public FakePosts FakePosts => Fake switch
    {
        TikTokFake f => f.Posts,
        YouTubeFake f => f.Posts,
        InstagramFake f => f.Posts,
        DouyinFake f => f.Posts,
        KuaishouFake f => f.Posts,
        _ => throw new ArgumentOutOfRangeException(nameof(Fake)),
    };

    /// <summary>Create calls that made a post for this flow's user.</summary>
    public long Creates => Fake.Counters.CreatesBy(UserId);

    /// <summary>POSTs a body that must be created (201); its id.</summary>
    public static async Task<string> Created(ApiClient client, string path, JsonObject body)
    {
        var response = await client.PostJson(path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await ApiClient.Json(response))["id"]!.GetValue<string>();
    }
}
