using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Host.Tests.Support;
using Campaigns.Testing;

namespace Campaigns.Host.Tests;

/// <summary>Products, videos and affinity ranking through the real host, once per storage provider.</summary>
public abstract class CatalogueApiScenarios(HostFixture host)
{
    private CampaignsApp App => host.App;

    [ProviderFact]
    public async Task A_product_is_created_with_empty_stats_and_its_sku_is_unique_within_the_agency()
    {
        var tenant = await Tenant.Create(App);
        var created = await tenant.Client.PostJson("/v1/products", ProductBody("SERUM-01", ["Skincare", " skincare ", "精华"], ["Vitamin C"]));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var product = await ApiClient.Json(created);
        var id = product["id"]!.GetValue<string>();
        Assert.Equal(["skincare", "精华"], product["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        var stats = (await ApiClient.Json(await tenant.Client.Get($"/v1/products/{id}")))["stats"]!;
        Assert.Equal((0L, 0L, 0m), (stats["clicks"]!.GetValue<long>(), stats["orders"]!.GetValue<long>(), stats["gmv"]!["amount"]!.GetValue<decimal>()));
        Assert.Equal("CNY", stats["gmv"]!["currency"]!.GetValue<string>());
        Assert.True(stats.AsObject().ContainsKey("conversionRate"));

        Assert.Equal(HttpStatusCode.Conflict, (await tenant.Client.PostJson("/v1/products", ProductBody("serum-01"))).StatusCode);
        var other = await Tenant.Create(App, "Other");
        Assert.Equal(HttpStatusCode.Created, (await other.Client.PostJson("/v1/products", ProductBody("SERUM-01"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.Get($"/v1/products/{id}")).StatusCode);
    }

    [ProviderFact]
    public async Task Bad_prices_currencies_urls_and_tag_lists_are_400s_naming_the_field()
    {
        var tenant = await Tenant.Create(App);
        var body = ProductBody("BAD");
        body["price"] = new JsonObject { ["amount"] = -1, ["currency"] = "XYZ" };
        body["shopUrl"] = "javascript:alert(1)";
        body["tags"] = new JsonArray(Enumerable.Range(0, 31).Select(i => (JsonNode)JsonValue.Create($"t{i}")!).ToArray());

        var response = await tenant.Client.PostJson("/v1/products", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ApiClient.Json(response))["errors"]!.AsObject().Select(e => e.Key).ToHashSet();
        Assert.Superset(new HashSet<string> { "price.amount", "price.currency", "shopUrl", "tags" }, errors);

        var absurd = ProductBody("ABSURD");
        absurd["price"] = new JsonObject { ["amount"] = 1e12, ["currency"] = "CNY" };
        Assert.Equal(HttpStatusCode.BadRequest, (await tenant.Client.PostJson("/v1/products", absurd)).StatusCode);
        Assert.Empty((await ApiClient.Json(await tenant.Client.Get("/v1/products")))["items"]!.AsArray());
    }

    [ProviderFact]
    public async Task A_video_links_only_the_agencys_own_products_and_names_each_unknown_one()
    {
        var tenant = await Tenant.Create(App);
        var other = await Tenant.Create(App, "Other");
        var mine = await CreateProduct(tenant, "MINE");
        var theirs = await CreateProduct(other, "THEIRS");

        var refused = await tenant.Client.PostJson("/v1/videos", VideoBody([mine, theirs, "prd_missing"]));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await ApiClient.Json(refused))["errors"]!.AsObject();
        Assert.Equal(new HashSet<string> { "productIds[1]", "productIds[2]" }, errors.Select(e => e.Key).ToHashSet());
        Assert.Contains(theirs, errors["productIds[1]"]![0]!.GetValue<string>());

        var created = await tenant.Client.PostJson("/v1/videos", VideoBody([mine]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var video = await ApiClient.Json(created);
        Assert.Equal("product-showcase", video["type"]!.GetValue<string>());
        Assert.Equal(["#summer"], video["topics"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("夏日防晒", video["variants"]!["douyin"]!["caption"]!.GetValue<string>());

        var byProduct = await ApiClient.Json(await tenant.Client.Get($"/v1/videos?productId={mine}"));
        Assert.Single(byProduct["items"]!.AsArray());
        var byTypeAndTag = await ApiClient.Json(await tenant.Client.Get("/v1/videos?type=product-showcase&tag=Skincare"));
        Assert.Single(byTypeAndTag["items"]!.AsArray());
        Assert.Empty((await ApiClient.Json(await tenant.Client.Get("/v1/videos?type=skit")))["items"]!.AsArray());
    }

    [ProviderFact]
    public async Task Variants_are_checked_against_each_platforms_limits()
    {
        var tenant = await Tenant.Create(App);
        var body = VideoBody([]);
        body["durationSeconds"] = 200; // longer than a Short or a Reel may be
        body["variants"] = new JsonObject
        {
            ["youtube-shorts"] = new JsonObject { ["caption"] = "ok", ["hashtags"] = new JsonArray() },
            ["instagram-reels"] = new JsonObject
            {
                ["caption"] = new string('x', 2201),
                ["hashtags"] = new JsonArray(Enumerable.Range(0, 31).Select(i => (JsonNode)JsonValue.Create($"#h{i}")!).ToArray()),
            },
            ["douyin"] = new JsonObject { ["caption"] = "fine", ["hashtags"] = new JsonArray("#a") },
            ["vine"] = new JsonObject { ["caption"] = "gone" },
        };

        var response = await tenant.Client.PostJson("/v1/videos", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ApiClient.Json(response))["errors"]!.AsObject().Select(e => e.Key).ToHashSet();
        Assert.Equal(new HashSet<string>
        {
            "variants.youtube-shorts.durationSeconds", "variants.instagram-reels.caption", "variants.instagram-reels.hashtags",
            "variants.instagram-reels.durationSeconds", "variants.vine",
        }, errors);
    }

    [ProviderFact]
    public async Task Matches_rank_active_accounts_by_tag_affinity_with_a_stable_tie_break()
    {
        var tenant = await Tenant.Create(App);
        var strong = await CreateAccount(tenant, "strong", new() { ["skincare"] = 1.0, ["vitamin c"] = 1.0 }, followers: 10);
        var tiedSmall = await CreateAccount(tenant, "tied_small", new() { ["skincare"] = 0.5 }, followers: 100);
        var tiedLarge = await CreateAccount(tenant, "tied_large", new() { ["skincare"] = 0.5 }, followers: 5000);
        var suspended = await CreateAccount(tenant, "suspended", new() { ["skincare"] = 1.0 }, followers: 1);
        await CreateAccount(tenant, "unrelated", new() { ["gaming"] = 1.0 }, followers: 9999);
        var kuaishou = await CreateAccount(tenant, "ks", new() { ["skincare"] = 0.9 }, followers: 1, platform: "kuaishou");
        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.Post($"/v1/accounts/{suspended}/suspend")).StatusCode);
        var product = await CreateProduct(tenant, "SERUM", tags: ["skincare"], keywords: ["Vitamin C"]);

        var all = await ApiClient.Json(await tenant.Client.Get($"/v1/products/{product}/matches"));
        var ranked = all["items"]!.AsArray().Select(m => m!["accountId"]!.GetValue<string>()).ToList();
        Assert.Equal([strong, kuaishou, tiedLarge, tiedSmall], ranked);
        // skincare (tag, weight 1) and "vitamin c" (keyword, weight 0.5): 1.5/1.5 for the strong account, 0.5/1.5 for the tied ones.
        Assert.Equal(1.0, all["items"]![0]!["score"]!.GetValue<double>(), 6);
        Assert.Equal(0.5 / 1.5, all["items"]![2]!["score"]!.GetValue<double>(), 6);

        var douyinTop2 = await ApiClient.Json(await tenant.Client.Get($"/v1/products/{product}/matches?platform=douyin&limit=2"));
        Assert.Equal([strong, tiedLarge], douyinTop2["items"]!.AsArray().Select(m => m!["accountId"]!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.BadRequest, (await tenant.Client.Get($"/v1/products/{product}/matches?platform=vine")).StatusCode);
        var other = await Tenant.Create(App, "Other");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.Get($"/v1/products/{product}/matches")).StatusCode);
    }

    [ProviderFact]
    public async Task Video_matches_use_its_tags_and_topics()
    {
        var tenant = await Tenant.Create(App);
        var summer = await CreateAccount(tenant, "summer_fan", new() { ["summer"] = 1.0 }, followers: 10);
        var skincare = await CreateAccount(tenant, "skin_fan", new() { ["skincare"] = 1.0 }, followers: 10);
        var created = await tenant.Client.PostJson("/v1/videos", VideoBody([]));
        var video = (await ApiClient.Json(created))["id"]!.GetValue<string>();

        var matches = await ApiClient.Json(await tenant.Client.Get($"/v1/videos/{video}/matches?kind=brand"));

        Assert.Equal([skincare, summer], matches["items"]!.AsArray().Select(m => m!["accountId"]!.GetValue<string>()));
    }

    private static JsonObject ProductBody(string sku, string[]? tags = null, string[]? keywords = null) => new()
    {
        ["sku"] = sku,
        ["title"] = "Vitamin C serum",
        ["price"] = new JsonObject { ["amount"] = 199.0, ["currency"] = "CNY" },
        ["tags"] = new JsonArray((tags ?? ["skincare"]).Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
        ["hotKeywords"] = new JsonArray((keywords ?? ["防晒"]).Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
        ["shopUrl"] = "https://shop.example.com/serum",
    };

    private static JsonObject VideoBody(string[] productIds) => new()
    {
        ["title"] = "Summer serum demo",
        ["copy"] = "Two minutes on why vitamin C matters in summer.",
        ["type"] = "product-showcase",
        ["durationSeconds"] = 150,
        ["mediaUrl"] = "https://cdn.example.com/v.mp4",
        ["coverUrl"] = "https://cdn.example.com/v.jpg",
        ["tags"] = new JsonArray("skincare"),
        ["topics"] = new JsonArray("summer", "#Summer"),
        ["productIds"] = new JsonArray(productIds.Select(p => (JsonNode)JsonValue.Create(p)!).ToArray()),
        ["variants"] = new JsonObject { ["douyin"] = new JsonObject { ["caption"] = "夏日防晒", ["hashtags"] = new JsonArray("#防晒") } },
    };

    private static async Task<string> CreateProduct(Tenant tenant, string sku, string[]? tags = null, string[]? keywords = null)
    {
        var response = await tenant.Client.PostJson("/v1/products", ProductBody(sku, tags, keywords));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ApiClient.Json(response))["id"]!.GetValue<string>();
    }

    private static async Task<string> CreateAccount(Tenant tenant, string handle, Dictionary<string, double> tags, long followers, string platform = "douyin")
    {
        var body = Tenant.AccountBody(handle, platform);
        body["audienceTags"] = new JsonObject(tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)JsonValue.Create(t.Value))));
        body["followers"] = followers;
        var response = await tenant.Client.PostJson("/v1/accounts", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ApiClient.Json(response))["id"]!.GetValue<string>();
    }
}

public sealed class SqliteCatalogueApiTests(SqliteHostFixture host) : CatalogueApiScenarios(host), IClassFixture<SqliteHostFixture>;

[RequiresPostgres]
public sealed class PostgresCatalogueApiTests(PostgresHostFixture host) : CatalogueApiScenarios(host), IClassFixture<PostgresHostFixture>;
