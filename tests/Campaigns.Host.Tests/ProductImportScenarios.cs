using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Grains.Abstractions.Products;
using Campaigns.Host.Tests.Support;
using Campaigns.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Host.Tests;

/// <summary>Bulk import of products (<c>POST /v1/products/import</c>), run once per storage provider.</summary>
public abstract class ProductImportScenarios(HostFixture host)
{
    private const string Header = "sku,title,priceAmount,priceCurrency,tags,hotKeywords,shopUrl";

    private CampaignsApp App => host.App;

    [ProviderFact]
    public async Task A_csv_file_creates_every_product_readable_listable_and_with_tags_normalised()
    {
        var tenant = await Tenant.Create(App);
        var csv = new StringBuilder(Header).Append('\n')
            .Append("SERUM-01,\"Serum, vitamin C\",199.5,CNY,Skincare; skincare ;精华,Summer Skin;hydration,https://shop.example.com/serum\n")
            .Append("\r\n")
            .Append("MASK-02,Sheet mask,39,CNY,,,\n")
            .Append("Lip-03,\"Lip \"\"tint\"\"\",88.88,USD,Makeup,,\n");

        var response = await tenant.Client.PostText("/v1/products/import", csv.ToString(), "text/csv");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await ApiClient.Json(response);
        Assert.Equal(3, body["imported"]!.GetValue<int>());
        var ids = Ids(body);

        // Each product is served by its grain, which adopted the imported row.
        var serum = await ApiClient.Json(await tenant.Client.Get($"/v1/products/{ids[0]}"));
        Assert.Equal(("SERUM-01", "Serum, vitamin C"), (serum["sku"]!.GetValue<string>(), serum["title"]!.GetValue<string>()));
        Assert.Equal((199.5m, "CNY"), (serum["price"]!["amount"]!.GetValue<decimal>(), serum["price"]!["currency"]!.GetValue<string>()));
        Assert.Equal(["skincare", "精华"], Strings(serum["tags"]));
        Assert.Equal(["summer skin", "hydration"], Strings(serum["hotKeywords"]));
        Assert.Equal("https://shop.example.com/serum", serum["shopUrl"]!.GetValue<string>());
        Assert.Equal(0, serum["stats"]!["clicks"]!.GetValue<long>());
        var lip = await ApiClient.Json(await tenant.Client.Get($"/v1/products/{ids[2]}"));
        Assert.Equal(("Lip \"tint\"", "USD"), (lip["title"]!.GetValue<string>(), lip["price"]!["currency"]!.GetValue<string>()));

        var listed = await ApiClient.Json(await tenant.Client.Get("/v1/products"));
        Assert.Equal(ids, listed["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        var bySkincare = await ApiClient.Json(await tenant.Client.Get("/v1/products?tag=Skincare"));
        Assert.Equal([ids[0]], bySkincare["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));

        // The imported SKUs are claimed like created ones.
        Assert.Equal(HttpStatusCode.Conflict, (await tenant.Client.PostJson("/v1/products", ProductBody("mask-02"))).StatusCode);
    }

    [ProviderFact]
    public async Task An_ndjson_file_creates_every_product_in_file_order()
    {
        var tenant = await Tenant.Create(App);
        var lines = Enumerable.Range(0, 30).Select(i => ProductBody($"ND-{i:00}", "Beauty").ToJsonString());

        var response = await tenant.Client.PostText("/v1/products/import", string.Join("\n", lines) + "\n", "application/x-ndjson");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var ids = Ids(await ApiClient.Json(response));
        Assert.Equal(30, ids.Count);
        var last = await ApiClient.Json(await tenant.Client.Get($"/v1/products/{ids[^1]}"));
        Assert.Equal(("ND-29", "beauty"), (last["sku"]!.GetValue<string>(), last["tags"]![0]!.GetValue<string>()));
        var page = await ApiClient.Json(await tenant.Client.Get("/v1/products?tag=beauty&limit=500"));
        Assert.Equal(ids, page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
    }

    [ProviderFact]
    public async Task One_bad_row_among_many_writes_nothing_and_names_the_row_and_column()
    {
        var tenant = await Tenant.Create(App);
        var csv = new StringBuilder(Header).Append('\n');
        for (var i = 1; i <= 200; i++)
        {
            var (amount, currency, url) = i switch
            {
                57 => ("10", "XYZ", ""),
                120 => ("lots", "CNY", "javascript:alert(1)"),
                _ => ("10", "CNY", ""),
            };
            csv.Append($"MANY-{i},Product {i},{amount},{currency},,,{url}\n");
        }

        var response = await tenant.Client.PostText("/v1/products/import", csv.ToString(), "text/csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(new HashSet<string> { "rows[57].priceCurrency", "rows[120].priceAmount", "rows[120].shopUrl" }, ErrorKeys(await ApiClient.Json(response)));
        await AssertNoProducts(tenant);

        var ndjson = string.Join("\n", ProductBody("OK-1").ToJsonString(), "{ \"sku\": \"OK-2\", \"prize\": 1 }", "not json");
        var bad = await ApiClient.Json(await tenant.Client.PostText("/v1/products/import", ndjson, "application/x-ndjson"));
        Assert.Equal(new HashSet<string> { "rows[2].prize", "rows[3]" }, ErrorKeys(bad));
        await AssertNoProducts(tenant);
    }

    [ProviderFact]
    public async Task A_sku_repeated_in_the_file_or_already_used_by_the_agency_is_refused()
    {
        var tenant = await Tenant.Create(App);
        Assert.Equal(HttpStatusCode.Created, (await tenant.Client.PostJson("/v1/products", ProductBody("SERUM-01"))).StatusCode);
        var csv = $"{Header}\nFRESH-1,Fresh,1,CNY,,,\nTwice,Twice,1,CNY,,,\ntwice,Again,1,CNY,,,\nserum-01,Old,1,CNY,,,\n";

        var response = await tenant.Client.PostText("/v1/products/import", csv, "text/csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(new HashSet<string> { "rows[3].sku", "rows[4].sku" }, ErrorKeys(await ApiClient.Json(response)));
        Assert.Single((await ApiClient.Json(await tenant.Client.Get("/v1/products")))["items"]!.AsArray());

        // Another agency's SKUs do not count.
        var other = await Tenant.Create(App, "Other");
        var fine = await other.Client.PostText("/v1/products/import", $"{Header}\nSERUM-01,Serum,1,CNY,,,\n", "text/csv");
        Assert.Equal(HttpStatusCode.Created, fine.StatusCode);
    }

    [ProviderFact]
    public async Task A_sku_taken_between_validation_and_the_write_is_a_conflict_and_nothing_is_written()
    {
        var tenant = await Tenant.Create(App);
        Assert.Equal(HttpStatusCode.Created, (await tenant.Client.PostJson("/v1/products", ProductBody("TAKEN-1"))).StatusCode);
        var draft = (string sku) => new ProductDraft(sku, "Late", new Money(1, "CNY"), ["late"], [], null);
        var freshId = Domain.Common.Ids.New("prd");
        var importer = App.Services.GetRequiredService<IGrainFactory>().GetGrain<IProductImportGrain>(IProductImportGrain.KeyFor(tenant.Id));

        var outcome = await importer.Import([new ProductImportItem(freshId, draft("FRESH-9")), new ProductImportItem(Domain.Common.Ids.New("prd"), draft("taken-1"))]);

        Assert.Equal(ErrorKind.Conflict, outcome.Error?.Kind);
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.Client.Get($"/v1/products/{freshId}")).StatusCode);
        Assert.Single((await ApiClient.Json(await tenant.Client.Get("/v1/products")))["items"]!.AsArray());
        Assert.Empty((await ApiClient.Json(await tenant.Client.Get("/v1/products?tag=late")))["items"]!.AsArray());
    }

    [ProviderFact]
    public async Task A_replay_with_the_same_key_returns_the_first_response_and_a_repost_without_one_changes_nothing()
    {
        var tenant = await Tenant.Create(App);
        var csv = $"{Header}\nAGAIN-1,One,1,CNY,,,\nAGAIN-2,Two,2,CNY,,,\n";

        var first = await tenant.Client.PostText("/v1/products/import", csv, "text/csv", idempotencyKey: "product-import-1");
        var replay = await tenant.Client.PostText("/v1/products/import", csv, "text/csv", idempotencyKey: "product-import-1");
        var repost = await tenant.Client.PostText("/v1/products/import", csv, "text/csv");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, repost.StatusCode);
        Assert.Equal(new HashSet<string> { "rows[1].sku", "rows[2].sku" }, ErrorKeys(await ApiClient.Json(repost)));
        Assert.Equal(2, (await ApiClient.Json(await tenant.Client.Get("/v1/products")))["items"]!.AsArray().Count);
    }

    [ProviderFact]
    public async Task More_than_ten_thousand_rows_an_unknown_column_or_another_format_are_refused()
    {
        var tenant = await Tenant.Create(App);
        var csv = new StringBuilder("sku,title,priceAmount,priceCurrency\n");
        for (var i = 0; i <= 10_000; i++)
        {
            csv.Append("S-").Append(i).Append(",T,1,CNY\n");
        }

        var response = await tenant.Client.PostText("/v1/products/import", csv.ToString(), "text/csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await ApiClient.Json(response))["errors"]!["rows"]);
        await AssertNoProducts(tenant);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await tenant.Client.PostText("/v1/products/import", "[]", "application/json")).StatusCode);
        var unknownColumn = await tenant.Client.PostText("/v1/products/import", "sku,price\nA,1\n", "text/csv");
        Assert.NotNull((await ApiClient.Json(unknownColumn))["errors"]!["header"]);
    }

    private static JsonObject ProductBody(string sku, string tag = "skincare") => new()
    {
        ["sku"] = sku,
        ["title"] = "Product " + sku,
        ["price"] = new JsonObject { ["amount"] = 99.9, ["currency"] = "CNY" },
        ["tags"] = new JsonArray(tag),
        ["hotKeywords"] = new JsonArray("summer"),
    };

    private static List<string> Ids(JsonNode body) => Strings(body["ids"]);

    private static List<string> Strings(JsonNode? array) => array!.AsArray().Select(i => i!.GetValue<string>()).ToList();

    private static HashSet<string> ErrorKeys(JsonNode body) => body["errors"]!.AsObject().Select(e => e.Key).ToHashSet();

    private static async Task AssertNoProducts(Tenant tenant) =>
        Assert.Empty((await ApiClient.Json(await tenant.Client.Get("/v1/products")))["items"]!.AsArray());
}

public sealed class SqliteProductImportTests(SqliteHostFixture host) : ProductImportScenarios(host), IClassFixture<SqliteHostFixture>;

[RequiresPostgres]
public sealed class PostgresProductImportTests(PostgresHostFixture host) : ProductImportScenarios(host), IClassFixture<PostgresHostFixture>;
