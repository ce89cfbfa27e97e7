using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Campaigns.Host.Tests.Support;
using Campaigns.Testing;

namespace Campaigns.Host.Tests;

/// <summary>
/// The sandbox feed, roll-ups and reports through the real host: sandbox posts gain snapshots by themselves; stats and
/// reports add up exactly the snapshots a test posted (on webhook-published pushes, which the sandbox never feeds).
/// </summary>
public abstract class FeedbackReportScenarios(HostFixture host)
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private CampaignsApp App => host.App;

    [ProviderFact]
    public async Task Sandbox_posts_gain_engagement_by_themselves_and_keep_its_history()
    {
        var tenant = await Tenant.Create(App);
        var setup = await CampaignSetup.CreateAsync(tenant, "Sandbox feed", connector: null);
        var pushes = await setup.LaunchAndWaitPublishedAsync();

        foreach (var push in pushes)
        {
            var id = push["id"]!.GetValue<string>();
            List<JsonNode> history = [];
            await Poll.Until(async () =>
            {
                history = (await ApiClient.Json(await tenant.Client.Get($"/v1/pushes/{id}/metrics?limit=500")))["items"]!.AsArray().Select(s => s!).ToList();
                return history.Count >= 2;
            }, TimeSpan.FromSeconds(45));

            var instants = history.Select(s => s["at"]!.GetValue<DateTimeOffset>()).ToList();
            var views = history.Select(s => s["views"]!.GetValue<long>()).ToList();
            Assert.True(views[0] > 0, "the first fed snapshot has views");
            Assert.Equal(instants.Order(), instants);
            Assert.Equal(views.Order(), views);
            var latest = (await ApiClient.Json(await tenant.Client.Get($"/v1/pushes/{id}")))["metrics"]!["views"]!.GetValue<long>();
            Assert.True(latest >= views[^1], $"the push shows {latest} views, its history already {views[^1]}");
        }
        var report = await ApiClient.Json(await tenant.Client.Get($"/v1/campaigns/{setup.CampaignId}/report"));
        Assert.True(report["totals"]!["stats"]!["views"]!.GetValue<long>() > 0);
    }

    [ProviderFact]
    public async Task Stats_and_the_report_add_up_the_snapshots_that_were_posted()
    {
        await using var publisher = await FakePublisher.StartAsync();
        var tenant = await Tenant.Create(App);
        const string name = "夏季新品 & <测试> \"report\"";
        var setup = await CampaignSetup.CreateAsync(tenant, name, new JsonObject { ["type"] = "webhook", ["url"] = publisher.Url, ["secret"] = "a-webhook-secret-of-sufficient-length" });
        var pushes = await setup.LaunchAndWaitPublishedAsync();

        // Three snapshots per push, the oldest delivered last: only the newest may count.
        var now = DateTimeOffset.UtcNow;
        var latest = new Dictionary<string, Figures>();
        for (var i = 0; i < pushes.Count; i++)
        {
            var id = pushes[i]["id"]!.GetValue<string>();
            var newest = Figures.Of(2 * (i + 1));
            await PostAsync(tenant, id, now.AddSeconds(60), Figures.Of(i + 1));
            await PostAsync(tenant, id, now.AddSeconds(120), newest);
            await PostAsync(tenant, id, now.AddSeconds(30), Figures.Of(1) with { Views = 1 });
            latest[id] = newest;
        }
        var followers = await tenant.Client.PostJson($"/v1/accounts/{setup.Accounts[0]}/followers", new { count = 125_000, at = DateTimeOffset.UtcNow.ToString("O") });
        Assert.True(followers.IsSuccessStatusCode, await followers.Content.ReadAsStringAsync());

        Figures Sum(Func<JsonNode, bool> which) => pushes.Where(which).Select(p => latest[p["id"]!.GetValue<string>()]).Aggregate(Figures.Zero, (a, b) => a + b);
        bool OnVideo(JsonNode p, string video) => p["videoId"]!.GetValue<string>() == video;

        // Videos, products, accounts.
        foreach (var video in setup.Videos)
        {
            AssertStats(Sum(p => OnVideo(p, video)), (await ApiClient.Json(await tenant.Client.Get($"/v1/videos/{video}")))["stats"]!);
        }
        var serum = (await ApiClient.Json(await tenant.Client.Get($"/v1/products/{setup.Products[0]}")))["stats"]!;
        AssertStats(Sum(p => OnVideo(p, setup.Videos[0])), serum, gmvIsMoney: true);
        var mask = (await ApiClient.Json(await tenant.Client.Get($"/v1/products/{setup.Products[1]}")))["stats"]!;
        AssertStats(Sum(_ => true), mask, gmvIsMoney: true);
        foreach (var account in setup.Accounts)
        {
            AssertStats(Sum(p => p["accountId"]!.GetValue<string>() == account), (await ApiClient.Json(await tenant.Client.Get($"/v1/accounts/{account}")))["stats"]!);
        }

        // The report: totals, funnel, breakdowns, follower growth, views over time.
        var report = await ApiClient.Json(await tenant.Client.Get($"/v1/campaigns/{setup.CampaignId}/report"));
        var total = Sum(_ => true);
        Assert.Equal(name, report["name"]!.GetValue<string>());
        Assert.Equal(pushes.Count, report["totals"]!["pushes"]!["published"]!.GetValue<int>());
        AssertStats(total, report["totals"]!["stats"]!);
        Assert.Equal(total.Likes + total.Comments + total.Shares, report["funnel"]!["engagements"]!.GetValue<long>());
        Assert.Equal(total.Gmv, report["funnel"]!["gmv"]!.GetValue<decimal>());
        Assert.Equal([0], report["byWave"]!.AsArray().Select(w => w!["wave"]!.GetValue<int>()));
        foreach (var platform in report["byPlatform"]!.AsArray())
        {
            AssertStats(Sum(p => p["platform"]!.GetValue<string>() == platform!["platform"]!.GetValue<string>()), platform!["stats"]!);
        }
        Assert.Equal(2, report["byPlatform"]!.AsArray().Count);
        foreach (var video in report["byVideo"]!.AsArray())
        {
            AssertStats(Sum(p => OnVideo(p, video!["videoId"]!.GetValue<string>())), video!["stats"]!);
        }
        var byProduct = report["byProduct"]!.AsArray().ToDictionary(p => p!["productId"]!.GetValue<string>(), p => p!["stats"]!);
        AssertStats(Sum(p => OnVideo(p, setup.Videos[0])), byProduct[setup.Products[0]]);
        AssertStats(total, byProduct[setup.Products[1]]);
        var byAccount = report["byAccount"]!.AsArray().ToDictionary(a => a!["accountId"]!.GetValue<string>(), a => a!);
        Assert.Equal(5_000, byAccount[setup.Accounts[0]]["followerGrowth"]!["absolute"]!.GetValue<long>());
        Assert.Equal(0, byAccount[setup.Accounts[1]]["followerGrowth"]!["absolute"]!.GetValue<long>());
        var top = await ApiClient.Json(await tenant.Client.Get($"/v1/campaigns/{setup.CampaignId}/report?top=1"));
        Assert.Equal(3, top["groups"]!["accounts"]!.GetValue<int>());
        Assert.Equal([report["byAccount"]![0]!["accountId"]!.GetValue<string>()], top["byAccount"]!.AsArray().Select(a => a!["accountId"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, (await tenant.Client.Get($"/v1/campaigns/{setup.CampaignId}/report?top=0")).StatusCode);

        var overTime = report["viewsOverTime"]!;
        var at = overTime["at"]!.AsArray();
        var wave0 = overTime["series"]!.AsArray().Single()!["views"]!.AsArray().Select(v => v!.GetValue<long>()).ToList();
        Assert.InRange(at.Count, 2, 50);
        Assert.Equal(at.Count, wave0.Count);
        Assert.Equal(wave0.Order(), wave0);
        Assert.Equal(total.Views, wave0[^1]);

        // The chart of the same report.
        var chart = await tenant.Client.Get($"/v1/campaigns/{setup.CampaignId}/report.svg");
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.Equal("image/svg+xml", chart.Content.Headers.ContentType!.MediaType);
        var svg = XDocument.Parse(await chart.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(Svg + "svg", svg.Name);
        Assert.Equal(name, svg.Element(Svg + "title")!.Value);
        Assert.Equal(4, svg.Descendants(Svg + "rect").Count(r => (string?)r.Attribute("class") == "stage"));
        var line = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "series");
        Assert.Equal("0", (string?)line.Attribute("data-wave"));
        Assert.Equal(at.Count, ((string)line.Element(Svg + "polyline")!.Attribute("points")!).Split(' ').Length);
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value.StartsWith(total.Views.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    [ProviderFact]
    public async Task A_draft_has_an_empty_report_and_other_agencies_see_none()
    {
        var tenant = await Tenant.Create(App);
        var setup = await CampaignSetup.CreateAsync(tenant, "Still a draft", connector: null);

        var report = await ApiClient.Json(await tenant.Client.Get($"/v1/campaigns/{setup.CampaignId}/report"));
        Assert.Equal("draft", report["status"]!.GetValue<string>());
        Assert.Equal(0, report["totals"]!["pushes"]!["total"]!.GetValue<int>());
        Assert.Null(report["window"]);
        Assert.Empty(report["byWave"]!.AsArray());
        Assert.Empty(report["viewsOverTime"]!["at"]!.AsArray());
        var chart = await tenant.Client.Get($"/v1/campaigns/{setup.CampaignId}/report.svg");
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.Contains(XDocument.Parse(await chart.Content.ReadAsStringAsync()).Descendants(Svg + "text"), t => t.Value == "Nothing published yet");

        var other = await Tenant.Create(App, "Other");
        var unknown = setup.CampaignId[..^1] + (setup.CampaignId[^1] == '0' ? '1' : '0');
        foreach (var path in new[] { $"/v1/campaigns/{setup.CampaignId}/report", $"/v1/campaigns/{setup.CampaignId}/report.svg" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.Client.Get(path)).StatusCode);
        }
        foreach (var id in new[] { unknown, "not-a-campaign" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await tenant.Client.Get($"/v1/campaigns/{id}/report")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await tenant.Client.Get($"/v1/campaigns/{id}/report.svg")).StatusCode);
        }
    }

    private static async Task PostAsync(Tenant tenant, string pushId, DateTimeOffset at, Figures f)
    {
        var response = await tenant.Client.PostJson($"/v1/pushes/{pushId}/metrics", new JsonObject
        {
            ["at"] = at.ToString("O"), ["views"] = f.Views, ["likes"] = f.Likes, ["comments"] = f.Comments, ["shares"] = f.Shares,
            ["clicks"] = f.Clicks, ["orders"] = f.Orders, ["gmv"] = f.Gmv,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    private static void AssertStats(Figures expected, JsonNode stats, bool gmvIsMoney = false)
    {
        var gmv = gmvIsMoney ? stats["gmv"]!["amount"]!.GetValue<decimal>() : stats["gmv"]!.GetValue<decimal>();
        Assert.Equal(expected, new Figures(
            stats["views"]!.GetValue<long>(), stats["likes"]!.GetValue<long>(), stats["comments"]!.GetValue<long>(),
            stats["shares"]!.GetValue<long>(), stats["clicks"]!.GetValue<long>(), stats["orders"]!.GetValue<long>(), gmv));
        Assert.Equal((double)(expected.Likes + expected.Comments + expected.Shares) / expected.Views, stats["engagementRate"]!.GetValue<double>(), 9);
        Assert.Equal((double)expected.Orders / expected.Clicks, stats["conversionRate"]!.GetValue<double>(), 9);
    }

    /// <summary>The counters of one snapshot, or a sum of them.</summary>
    private sealed record Figures(long Views, long Likes, long Comments, long Shares, long Clicks, long Orders, decimal Gmv)
    {
        public static Figures Zero { get; } = new(0, 0, 0, 0, 0, 0, 0m);

        public static Figures Of(int n) => new(1_000 * n, 90 * n, 12 * n, 7 * n, 40 * n, 3 * n, 199.90m * 3 * n);

        public static Figures operator +(Figures a, Figures b) => new(a.Views + b.Views, a.Likes + b.Likes, a.Comments + b.Comments,
            a.Shares + b.Shares, a.Clicks + b.Clicks, a.Orders + b.Orders, a.Gmv + b.Gmv);
    }

    /// <summary>
    /// Three accounts (two on Douyin, one on Kuaishou), two products (the first on video 0, the second on both videos),
    /// two videos, and a matrix campaign over them starting in a second.
    /// </summary>
    internal sealed record CampaignSetup(Tenant Tenant, string CampaignId, List<string> Accounts, List<string> Videos, List<string> Products)
    {
        public static async Task<CampaignSetup> CreateAsync(Tenant tenant, string name, JsonObject? connector)
        {
            var accounts = new List<string>();
            foreach (var platform in new[] { "douyin", "douyin", "kuaishou" })
            {
                var body = Tenant.AccountBody("rp_" + Guid.NewGuid().ToString("N")[..10], platform);
                body["caps"]!.AsObject().Remove("quietHours");
                if (connector is not null)
                {
                    body["connector"] = connector.DeepClone();
                }
                accounts.Add(await Create(tenant, "/v1/accounts", body));
            }
            var products = new List<string>();
            foreach (var title in new[] { "Serum", "Mask" })
            {
                products.Add(await Create(tenant, "/v1/products", new JsonObject
                {
                    ["sku"] = title + "-" + Guid.NewGuid().ToString("N")[..6], ["title"] = title,
                    ["price"] = new JsonObject { ["amount"] = 199.9, ["currency"] = "CNY" },
                }));
            }
            var videos = new List<string>
            {
                await Create(tenant, "/v1/videos", Video("Serum and mask", products[0], products[1])),
                await Create(tenant, "/v1/videos", Video("Mask only", products[1])),
            };
            var campaign = await Create(tenant, "/v1/campaigns", new JsonObject
            {
                ["name"] = name, ["timeZone"] = "Asia/Shanghai", ["videoIds"] = Ids(videos), ["productIds"] = Ids(products),
                ["strategy"] = new JsonObject
                {
                    ["kind"] = "matrix", ["accounts"] = new JsonObject { ["ids"] = Ids(accounts) },
                    ["startAt"] = DateTimeOffset.UtcNow.AddSeconds(1).ToString("O"), ["staggerSeconds"] = 0,
                },
            });
            return new CampaignSetup(tenant, campaign, accounts, videos, products);
        }

        /// <summary>Launches (with a fresh start a second ahead) and waits until every push is published.</summary>
        public async Task<List<JsonNode>> LaunchAndWaitPublishedAsync()
        {
            var launch = await Tenant.Client.Post($"/v1/campaigns/{CampaignId}/launch");
            Assert.True(launch.StatusCode == HttpStatusCode.Accepted, await launch.Content.ReadAsStringAsync());
            List<JsonNode> published = [];
            await Poll.Until(async () =>
            {
                published = (await ApiClient.Json(await Tenant.Client.Get($"/v1/campaigns/{CampaignId}/pushes?status=published")))["items"]!
                    .AsArray().Select(p => p!).ToList();
                return published.Count == Accounts.Count;
            }, TimeSpan.FromSeconds(60));
            return published;
        }

        private static JsonObject Video(string title, params string[] products) => new()
        {
            ["title"] = title, ["type"] = "product-showcase", ["durationSeconds"] = 60, ["productIds"] = Ids(products),
        };

        private static JsonArray Ids(IEnumerable<string> ids) => new(ids.Select(i => (JsonNode)JsonValue.Create(i)!).ToArray());

        private static async Task<string> Create(Tenant tenant, string path, JsonObject body)
        {
            var response = await tenant.Client.PostJson(path, body);
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return (await ApiClient.Json(response))["id"]!.GetValue<string>();
        }
    }
}

public sealed class SqliteFeedbackReportTests(SqliteFeedHostFixture host) : FeedbackReportScenarios(host), IClassFixture<SqliteFeedHostFixture>;

[RequiresPostgres]
public sealed class PostgresFeedbackReportTests(PostgresFeedHostFixture host) : FeedbackReportScenarios(host), IClassFixture<PostgresFeedHostFixture>;
