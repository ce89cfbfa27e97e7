using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Domain.Pushes;
using Campaigns.Host.Tests.Support;
using Campaigns.Storage.Campaigns;
using Campaigns.Storage.Pushes;
using Campaigns.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Host.Tests;

/// <summary>
/// Resource exchanges end to end through the real host and the sandbox platform, per storage provider: both pushes
/// publish, credits settle on both sides, refusals change nothing, concurrent proposals never break the credit limit
/// (<see cref="ExchangeHost.CreditLimit"/>), the matcher pairs fairly, and an exchange campaign launches and settles.
/// </summary>
public abstract class ExchangeApiScenarios(HostFixture host)
{
    private const long Limit = ExchangeHost.CreditLimit;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private CampaignsApp App => host.App;

    [ProviderFact]
    public async Task Both_pushes_publish_and_each_side_earns_for_hosting_and_pays_for_being_hosted()
    {
        var tenant = await Tenant.Create(App);
        var a = await Account(tenant, "a", 120_000, "beauty");
        var b = await Account(tenant, "b", 80_000, "beauty");
        var (videoA, videoB) = (await Video(tenant, "a"), await Video(tenant, "b"));

        var created = await tenant.Client.PostJson("/v1/exchanges", Exchange(a, b, videoA, videoB, DateTimeOffset.UtcNow.AddSeconds(1)));

        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var exchange = await ApiClient.Json(created);
        var id = exchange["id"]!.GetValue<string>();
        Assert.Equal($"/v1/exchanges/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal(("scheduled", 120L, 80L), (Str(exchange, "status"), exchange["creditsA"]!.GetValue<long>(), exchange["creditsB"]!.GetValue<long>()));
        // B posts A's video and earns B's worth; A posts B's video and earns A's.
        Assert.Equal([(b, a, videoA, 80L), (a, b, videoB, 120L)], exchange["pushes"]!.AsArray()
            .Select(p => (Str(p!, "postedBy"), Str(p!, "contentOf"), Str(p!, "videoId"), p!["credits"]!.GetValue<long>())));
        var pending = await Ledger(tenant, a);
        Assert.Equal((0L, 120L, 80L, 40L), (Long(pending, "balance"), Long(pending, "pendingIn"), Long(pending, "pendingOut"), Long(pending, "projected")));

        await Poll.Until(async () => Str(await Get(tenant, $"/v1/exchanges/{id}"), "status") == "completed", Deadline);
        await Poll.Until(async () => Long(await Ledger(tenant, a), "pendingIn") == 0 && Long(await Ledger(tenant, b), "pendingIn") == 0, Deadline);

        var ledgerA = await Ledger(tenant, a);
        var ledgerB = await Ledger(tenant, b);
        Assert.Equal((40L, 0L, 0L), (Long(ledgerA, "balance"), Long(ledgerA, "pendingOut"), Long(ledgerA, "projected") - 40));
        Assert.Equal(-40L, Long(ledgerB, "balance"));
        Assert.Equal([(120L, "hosted", b), (-80L, "promoted", b)], Entries(ledgerA).OrderByDescending(e => e.Amount));
        Assert.Equal([(80L, "hosted", a), (-120L, "promoted", a)], Entries(ledgerB).OrderByDescending(e => e.Amount));
        Assert.Equal(40L, Long(await Get(tenant, $"/v1/accounts/{a}"), "creditBalance"));

        var settled = await Get(tenant, $"/v1/exchanges/{id}");
        foreach (var push in settled["pushes"]!.AsArray())
        {
            Assert.Equal(("published", "settled"), (Str(push!, "status"), Str(push!, "settlement")));
            Assert.Equal("published", Str(await Get(tenant, $"/v1/pushes/{Str(push!, "id")}"), "status"));
        }
        var listed = (await Get(tenant, $"/v1/exchanges?accountId={b}"))["items"]!.AsArray();
        Assert.Equal([id], listed.Select(e => Str(e!, "id")));
    }

    [ProviderFact]
    public async Task Refused_exchanges_name_the_problem_and_change_nothing()
    {
        var tenant = await Tenant.Create(App);
        var a = await Account(tenant, "a", 300_000, "beauty");
        var b = await Account(tenant, "b", 300_000, "beauty");
        var night = await Account(tenant, "night", 100_000, "beauty", quietHours: ("23:00", "07:00"));
        var paused = await Account(tenant, "paused", 100_000, "beauty");
        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.Post($"/v1/accounts/{paused}/suspend")).StatusCode);
        var (videoA, videoB) = (await Video(tenant, "a"), await Video(tenant, "b"));
        var other = await Tenant.Create(App, "Other Agency");
        var foreign = await Account(other, "foreign", 100_000, "beauty");
        var soon = DateTimeOffset.UtcNow.AddMinutes(10);

        await AssertInvalid(tenant, Exchange(a, a, videoA, videoB, soon), "accountB");
        await AssertInvalid(tenant, Exchange(a, b, "vid_00000000000000000000ff", videoB, soon), "videoA");
        await AssertInvalid(tenant, Exchange(a, b, videoA, videoB, soon, kind: "swap"), "kind");
        await AssertInvalid(tenant, Exchange(a, b, videoA, videoB, DateTimeOffset.UtcNow.AddHours(-1)), "at");
        await AssertInvalid(tenant, ExchangeAt(a, b, videoA, videoB, "2026-12-01T20:00:00"), "at");
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.Client.PostJson("/v1/exchanges", Exchange(a, foreign, videoA, videoB, soon))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await tenant.Client.PostJson("/v1/exchanges", Exchange(paused, a, videoA, videoB, soon))).StatusCode);
        var twoAm = NextLocal(2, "Asia/Shanghai"); // inside night's quiet hours
        var quiet = await tenant.Client.PostJson("/v1/exchanges", Exchange(night, b, videoA, videoB, twoAm));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, quiet.StatusCode);
        Assert.Contains("quiet hours", Str(await ApiClient.Json(quiet), "detail"));

        // 300 credits each way: each account could reach ±300, beyond the limit of ±250.
        var beyond = await tenant.Client.PostJson("/v1/exchanges", Exchange(a, b, videoA, videoB, soon));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, beyond.StatusCode);
        Assert.Contains("credit limit", Str(await ApiClient.Json(beyond), "detail"));

        Assert.Empty((await Get(tenant, "/v1/exchanges"))["items"]!.AsArray());
        foreach (var account in new[] { a, b, night })
        {
            var ledger = await Ledger(tenant, account);
            Assert.Equal((0L, 0L, 0L), (Long(ledger, "balance"), Long(ledger, "pendingIn"), Long(ledger, "pendingOut")));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.Client.Get($"/v1/accounts/{foreign}/ledger")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.Client.Get("/v1/exchanges/exc_00000000000000000000ff")).StatusCode);
    }

    [ProviderFact]
    public async Task Concurrent_exchanges_never_carry_a_balance_outside_the_limit()
    {
        var tenant = await Tenant.Create(App);
        // The hub earns 100 and pays 50 per exchange: it could reach +100 per exchange, so only 2 fit under +250.
        var hub = await Account(tenant, "hub", 100_000, "beauty");
        var partners = new string[20];
        for (var i = 0; i < partners.Length; i++)
        {
            partners[i] = await Account(tenant, $"p{i}", 50_000, "beauty");
        }
        var (hubVideo, partnerVideo) = (await Video(tenant, "hub"), await Video(tenant, "partner"));
        var at = DateTimeOffset.UtcNow.AddSeconds(2);

        var answers = await Task.WhenAll(partners.Select(p => tenant.Client.PostJson("/v1/exchanges", Exchange(hub, p, hubVideo, partnerVideo, at))));

        var statuses = answers.Select(r => r.StatusCode).ToList();
        Assert.True(statuses.All(s => s is HttpStatusCode.Created or HttpStatusCode.UnprocessableEntity), string.Join(", ", statuses));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.Created));
        var accounts = partners.Prepend(hub).ToList();
        await AssertWithinLimit(tenant, accounts);

        // Watch the credits settle as the pushes publish: no balance, settled or possible, ever leaves the limit.
        await Poll.Until(async () =>
        {
            var ledgers = await AssertWithinLimit(tenant, accounts);
            return ledgers.All(l => Long(l, "pendingIn") == 0 && Long(l, "pendingOut") == 0);
        }, Deadline);
        var final = await AssertWithinLimit(tenant, accounts);
        Assert.Equal(100L, Long(final[0], "balance"));                                   // 2 × (100 − 50)
        Assert.Equal(0L, final.Sum(l => Long(l, "balance")));                            // what one earns, another pays
        Assert.Equal(2, final.Skip(1).Count(l => Long(l, "balance") == -50));

        // Settled credits no longer count as pending: the hub, at +100, has room for one more exchange, not two.
        var later = DateTimeOffset.UtcNow.AddHours(1);
        Assert.Equal(HttpStatusCode.Created, (await tenant.Client.PostJson("/v1/exchanges", Exchange(hub, partners[0], hubVideo, partnerVideo, later))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await tenant.Client.PostJson("/v1/exchanges", Exchange(hub, partners[1], hubVideo, partnerVideo, later))).StatusCode);
    }

    [ProviderFact]
    public async Task The_matcher_proposes_fair_pairs_and_never_an_account_twice()
    {
        var tenant = await Tenant.Create(App);
        var brand = "m" + Guid.NewGuid().ToString("N")[..8];
        var b1 = await Account(tenant, "b1", 100_000, "beauty", brand: brand);
        var b2 = await Account(tenant, "b2", 90_000, "beauty", brand: brand);
        var b3 = await Account(tenant, "b3", 5_000, "beauty", brand: brand);
        var g1 = await Account(tenant, "g1", 70_000, "gaming", brand: brand);
        var g2 = await Account(tenant, "g2", 60_000, "gaming", brand: brand);
        var cook = await Account(tenant, "cook", 80_000, "cooking", brand: brand);
        await Account(tenant, "elsewhere", 100_000, "beauty", brand: "other-brand");

        var response = await tenant.Client.PostJson("/v1/exchanges/match", new JsonObject { ["accounts"] = new JsonObject { ["selector"] = new JsonObject { ["brand"] = brand } } });

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var match = await ApiClient.Json(response);
        var pairs = match["proposals"]!.AsArray().Select(p => new[] { Str(p!, "accountA"), Str(p!, "accountB") }.Order().ToArray()).ToList();
        Assert.Equal([new[] { b1, b2 }.Order().ToArray(), new[] { g1, g2 }.Order().ToArray()], pairs);
        Assert.Equal(pairs.Count * 2, pairs.SelectMany(p => p).Distinct().Count());
        Assert.Equal(
            new[] { (b3, "no-comparable-reach"), (cook, "no-similar-audience") }.OrderBy(u => u.Item1, StringComparer.Ordinal),
            match["unpaired"]!.AsArray().Select(u => (Str(u!, "accountId"), Str(u!, "reason"))));
        Assert.Equal(Limit, Long(match, "creditLimit"));

        await AssertInvalid(tenant, new JsonObject { ["accounts"] = new JsonObject { ["ids"] = new JsonArray(b1, "acc_00000000000000000000ff") } },
            "accounts.ids[1]", "/v1/exchanges/match");
        await AssertInvalid(tenant, new JsonObject { ["accounts"] = new JsonObject { ["selector"] = new JsonObject { ["topByAffinity"] = 3 } } },
            "accounts.selector.topByAffinity", "/v1/exchanges/match");
    }

    [ProviderFact]
    public async Task An_exchange_campaign_pairs_its_pool_publishes_and_settles()
    {
        var tenant = await Tenant.Create(App);
        var p1 = await Account(tenant, "p1", 100_000, "beauty");
        var p2 = await Account(tenant, "p2", 80_000, "beauty");
        var p3 = await Account(tenant, "p3", 60_000, "gaming");
        var p4 = await Account(tenant, "p4", 50_000, "gaming");
        var loner = await Account(tenant, "loner", 50_000, "cooking");
        var videos = new[] { await Video(tenant, "x"), await Video(tenant, "y") };
        var campaign = ExchangeCampaign([p1, p2, p3, p4, loner], videos, DateTimeOffset.UtcNow.AddSeconds(2));

        var tooMany = campaign.DeepClone().AsObject();
        tooMany["strategy"]!["postsPerAccount"] = 2;
        await AssertInvalid(tenant, tooMany, "strategy.postsPerAccount", "/v1/campaigns");
        var created = await tenant.Client.PostJson("/v1/campaigns", campaign);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var body = await ApiClient.Json(created);
        var id = Str(body, "id");
        Assert.Equal("exchange", Str(body["strategy"]!, "kind"));

        var plan = await ApiClient.Json(await tenant.Client.Post($"/v1/campaigns/{id}/plan"));
        Assert.Equal(new[] { p1, p2, p3, p4 }.Order(), plan["pushes"]!.AsArray().Select(p => Str(p!, "accountId")).Order());
        Assert.Contains(plan["warnings"]!.AsArray(), w => Str(w!, "code") == "unpaired" && Str(w!, "accountId") == loner);

        Assert.Equal(HttpStatusCode.Accepted, (await tenant.Client.Post($"/v1/campaigns/{id}/launch")).StatusCode);
        await Poll.Until(async () => Str(await Get(tenant, $"/v1/campaigns/{id}"), "status") == "completed", Deadline);
        await Poll.Until(async () => Long(await Ledger(tenant, p1), "pendingIn") == 0 && Long(await Ledger(tenant, p3), "pendingIn") == 0, Deadline);

        var exchanges = (await Get(tenant, $"/v1/exchanges?campaignId={id}"))["items"]!.AsArray();
        Assert.Equal(2, exchanges.Count);
        Assert.All(exchanges, e => Assert.Equal(("completed", id), (Str(e!, "status"), Str(e!, "campaignId"))));
        // p1 hosts for 100 and is hosted for 80; p3 for 60 and 50. Their partners mirror them.
        var balances = await Task.WhenAll(new[] { p1, p2, p3, p4, loner }.Select(async p => Long(await Ledger(tenant, p), "balance")));
        Assert.Equal(new[] { 20L, -20L, 10L, -10L, 0L }, balances);
        Assert.Equal(2, Entries(await Ledger(tenant, p1)).Count);
        var owned = await tenant.Client.Post($"/v1/exchanges/{Str(exchanges[0]!, "id")}/cancel");
        Assert.Equal(HttpStatusCode.Conflict, owned.StatusCode);
        Assert.Contains(id, Str(await ApiClient.Json(owned), "detail"));
    }

    [ProviderFact]
    public async Task A_cancelled_exchange_cancels_its_pushes_and_releases_their_credits()
    {
        var tenant = await Tenant.Create(App);
        var a = await Account(tenant, "a", 150_000, "beauty");
        var b = await Account(tenant, "b", 90_000, "beauty");
        var (videoA, videoB) = (await Video(tenant, "a"), await Video(tenant, "b"));
        var created = await ApiClient.Json(await tenant.Client.PostJson("/v1/exchanges", Exchange(a, b, videoA, videoB, DateTimeOffset.UtcNow.AddMinutes(30))));
        var id = Str(created, "id");
        Assert.Equal(150L, Long(await Ledger(tenant, a), "pendingIn"));

        var response = await tenant.Client.Post($"/v1/exchanges/{id}/cancel");

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var cancelled = await ApiClient.Json(response);
        Assert.Equal("cancelled", Str(cancelled, "status"));
        Assert.All(cancelled["pushes"]!.AsArray(), p => Assert.Equal(("cancelled", "released"), (Str(p!, "status"), Str(p!, "settlement"))));
        foreach (var account in new[] { a, b })
        {
            var ledger = await Ledger(tenant, account);
            Assert.Equal((0L, 0L, 0L), (Long(ledger, "balance"), Long(ledger, "pendingIn"), Long(ledger, "pendingOut")));
            Assert.Empty(Entries(ledger));
        }
        Assert.Equal("cancelled", Str(await Get(tenant, $"/v1/exchanges/{id}"), "status"));

        var again = await tenant.Client.Post($"/v1/exchanges/{id}/cancel");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("no push left", Str(await ApiClient.Json(again), "detail"));
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.Client.Post("/v1/exchanges/exc_000000000000000000abcd/cancel")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.Client.Post("/v1/exchanges/not-an-id/cancel")).StatusCode);
        var other = await Tenant.Create(App, "Other Agency");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.Post($"/v1/exchanges/{id}/cancel")).StatusCode);
    }

    [ProviderFact]
    public async Task A_brand_freeze_holds_exchange_pushes_made_before_and_during_it_until_the_unfreeze()
    {
        var tenant = await Tenant.Create(App);
        var a = await Account(tenant, "a", 100_000, "beauty", brand: "frost");
        var b = await Account(tenant, "b", 100_000, "beauty", brand: "frost");
        var c = await Account(tenant, "c", 100_000, "beauty", brand: "sun");
        var (videoA, videoB, videoC, videoD) = (await Video(tenant, "a"), await Video(tenant, "b"), await Video(tenant, "c"), await Video(tenant, "d"));
        // Far enough ahead that the freeze below comes before the trigger claims the first exchange's pushes.
        var at = DateTimeOffset.UtcNow.AddSeconds(8);
        var before = Str(await ApiClient.Json(await tenant.Client.PostJson("/v1/exchanges", Exchange(a, b, videoA, videoB, at))), "id");

        var frozen = await ApiClient.Json(await tenant.Client.Post("/v1/brands/frost/freeze"));
        // Made while frozen: stored as usual, held when it asks to publish. c (another brand) posts; a waits.
        var during = Str(await ApiClient.Json(await tenant.Client.PostJson("/v1/exchanges", Exchange(a, c, videoC, videoD, at))), "id");

        Assert.Equal((true, 2), (frozen["frozen"]!.GetValue<bool>(), frozen["otherPushes"]!.GetValue<int>()));
        var store = App.Services.GetRequiredService<PushQueries>();
        var pushIds = new[] { before, during }.ToDictionary(e => e, e => new List<string>());
        foreach (var exchange in pushIds.Keys)
        {
            pushIds[exchange].AddRange((await Get(tenant, $"/v1/exchanges/{exchange}"))["pushes"]!.AsArray().Select(p => Str(p!, "id")));
        }
        var frostPushes = pushIds[before].Append(pushIds[during][1]).ToList(); // b and a post; in "during", a posts c's video
        var sunPush = pushIds[during][0];
        await Poll.Until(async () =>
        {
            var rows = await Task.WhenAll(frostPushes.Select(p => store.GetAsync(tenant.Id, p)));
            return rows.All(r => r!.Lifecycle == PushStatus.Scheduled && r.Held == 1) && DateTimeOffset.UtcNow > at.AddSeconds(1);
        }, Deadline);
        await Poll.Until(async () => Str(await Get(tenant, $"/v1/pushes/{sunPush}"), "status") == "published", Deadline);
        foreach (var push in frostPushes)
        {
            Assert.Equal(PushStatus.Scheduled, (await store.GetAsync(tenant.Id, push))!.Lifecycle);
        }

        var thawed = await ApiClient.Json(await tenant.Client.Post("/v1/brands/frost/unfreeze"));

        Assert.Equal((false, 3), (thawed["frozen"]!.GetValue<bool>(), thawed["otherPushes"]!.GetValue<int>()));
        await Poll.Until(async () => Str(await Get(tenant, $"/v1/exchanges/{before}"), "status") == "completed"
            && Str(await Get(tenant, $"/v1/exchanges/{during}"), "status") == "completed", Deadline);
    }

    private static async Task<IReadOnlyList<JsonNode>> AssertWithinLimit(Tenant tenant, IReadOnlyList<string> accounts)
    {
        var ledgers = await Task.WhenAll(accounts.Select(a => Ledger(tenant, a)));
        foreach (var ledger in ledgers)
        {
            foreach (var field in new[] { "balance", "projected", "lowest", "highest" })
            {
                Assert.InRange(Long(ledger, field), -Limit, Limit);
            }
        }
        return ledgers;
    }

    private static async Task AssertInvalid(Tenant tenant, JsonObject body, string field, string path = "/v1/exchanges")
    {
        var response = await tenant.Client.PostJson(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {(int)response.StatusCode} {text}");
        Assert.True(JsonNode.Parse(text)!["errors"]![field] is not null, $"{field} not named: {text}");
    }

    private static JsonObject Exchange(string a, string b, string videoA, string videoB, DateTimeOffset at, string kind = "repost") =>
        ExchangeAt(a, b, videoA, videoB, at.ToString("O"), kind);

    private static JsonObject ExchangeAt(string a, string b, string videoA, string videoB, string at, string kind = "repost") => new()
    {
        ["accountA"] = a, ["accountB"] = b, ["kind"] = kind, ["videoA"] = videoA, ["videoB"] = videoB, ["at"] = at,
    };

    private static JsonObject ExchangeCampaign(string[] accounts, string[] videos, DateTimeOffset start) => new()
    {
        ["name"] = "Exchange week",
        ["timeZone"] = "Asia/Shanghai",
        ["videoIds"] = new JsonArray(videos.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()),
        ["strategy"] = new JsonObject
        {
            ["kind"] = "exchange",
            ["accounts"] = new JsonObject { ["ids"] = new JsonArray(accounts.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()) },
            ["startAt"] = start.ToString("O"),
            ["staggerSeconds"] = 1,
        },
    };

    /// <summary>The next instant at <paramref name="hour"/>:00 local time in <paramref name="zone"/>, at least an hour away.</summary>
    private static DateTimeOffset NextLocal(int hour, string zone)
    {
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddHours(1), tz);
        var candidate = new DateTimeOffset(local.Year, local.Month, local.Day, hour, 0, 0, local.Offset);
        return candidate < local ? candidate.AddDays(1) : candidate;
    }

    private static async Task<string> Account(Tenant tenant, string handle, long followers, string tag, string brand = "acme", (string From, string To)? quietHours = null)
    {
        var caps = new JsonObject { ["maxPostsPerDay"] = 50, ["minGapMinutes"] = 0 };
        if (quietHours is { } q)
        {
            caps["quietHours"] = new JsonObject { ["from"] = q.From, ["to"] = q.To };
        }
        var response = await tenant.Client.PostJson("/v1/accounts", new JsonObject
        {
            ["platform"] = "douyin", ["handle"] = $"{handle}_{Guid.NewGuid():N}"[..20], ["displayName"] = handle, ["brand"] = brand,
            ["kind"] = "influencer", ["audienceTags"] = new JsonObject { [tag] = 0.9 }, ["timeZone"] = "Asia/Shanghai",
            ["followers"] = followers, ["caps"] = caps, ["connector"] = new JsonObject { ["type"] = "sandbox" },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"account: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return Str(await ApiClient.Json(response), "id");
    }

    private static async Task<string> Video(Tenant tenant, string name)
    {
        var response = await tenant.Client.PostJson("/v1/videos", new JsonObject
        {
            ["title"] = $"Video {name}", ["type"] = "skit", ["durationSeconds"] = 30, ["tags"] = new JsonArray("beauty"),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return Str(await ApiClient.Json(response), "id");
    }

    private static async Task<JsonNode> Get(Tenant tenant, string path)
    {
        var response = await tenant.Client.Get(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await ApiClient.Json(response);
    }

    private static Task<JsonNode> Ledger(Tenant tenant, string accountId) => Get(tenant, $"/v1/accounts/{accountId}/ledger");

    private static List<(long Amount, string Reason, string Counterparty)> Entries(JsonNode ledger) =>
        ledger["entries"]!.AsArray().Select(e => (e!["amount"]!.GetValue<long>(), Str(e, "reason"), Str(e, "counterpartyId"))).ToList();

    private static string Str(JsonNode node, string field) => node[field]!.GetValue<string>();

    private static long Long(JsonNode node, string field) => node[field]!.GetValue<long>();
}

public sealed class SqliteExchangeApiTests(ExchangeSqliteHostFixture host) : ExchangeApiScenarios(host), IClassFixture<ExchangeSqliteHostFixture>;

[RequiresPostgres]
public sealed class PostgresExchangeApiTests(ExchangePostgresHostFixture host) : ExchangeApiScenarios(host), IClassFixture<ExchangePostgresHostFixture>;
