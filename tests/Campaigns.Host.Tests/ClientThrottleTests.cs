using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Campaigns.Application.Agencies;
using Campaigns.Host.Tests.Support;
using Campaigns.Testing;

namespace Campaigns.Host.Tests;

/// <summary>
/// Requests without a valid key through the real host, with a tiny allowance per client address (1 a second, bursts of
/// 5): made-up keys are refused with 429 and stop costing database look-ups, a repeated bad key is looked up once, and
/// an agency's valid key is served whatever its address did.
/// </summary>
public sealed class ClientThrottleTests(ClientThrottleTests.Host host) : IClassFixture<ClientThrottleTests.Host>
{
    private const int PerSecond = 1, Burst = 5;

    public sealed class Host : SqliteHostFixture
    {
        protected override IReadOnlyDictionary<string, string> Overrides { get; } = new Dictionary<string, string>
        {
            ["Campaigns:RateLimit:UnauthenticatedPermitsPerSecond"] = PerSecond.ToString(),
            ["Campaigns:RateLimit:UnauthenticatedBurst"] = Burst.ToString(),
        };
    }

    [Fact]
    public async Task Made_up_keys_are_throttled_per_address_and_stop_costing_look_ups_while_a_known_key_is_served()
    {
        var tenant = await Tenant.Create(host.App);
        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.Get("/v1/accounts")).StatusCode);
        using var lookups = new KeyLookups(host.App);
        var clock = Stopwatch.StartNew();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 40; i++)
        {
            answers.Add(await ApiClient.For(host.App, ApiKeys.New()).Get("/v1/accounts"));
        }
        var seconds = clock.Elapsed.TotalSeconds;

        Assert.Equal(HttpStatusCode.Unauthorized, answers[0].StatusCode);
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(40, answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized) + refused.Count);
        Assert.NotEmpty(refused);
        Assert.True(int.Parse(refused[0].Headers.GetValues("Retry-After").Single()) >= 1);
        var problem = await ApiClient.Json(refused[0]);
        Assert.Equal(429, problem["status"]!.GetValue<int>());
        Assert.Contains("without a valid key", problem["detail"]!.GetValue<string>());
        // Only requests with permits left were looked up; without the IsExhausted check in ApiKeyAuthenticationHandler
        // every one of the 40 would be.
        Assert.InRange(lookups.Count, 1, Burst + (long)Math.Ceiling(seconds * PerSecond) + 1);

        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.Get("/v1/accounts")).StatusCode);
        // Still served once this silo's trust in the key has run out and it must be checked again, although the address
        // is out of permits (ApiKeyAuthenticator.CheckAsync checks a key valid when last checked regardless).
        await Poll.Until(() => Task.FromResult(clock.Elapsed > ApiKeyAuthenticator.TrustCachedFor + TimeSpan.FromSeconds(seconds)), TimeSpan.FromSeconds(10));
        HttpStatusCode madeUp = default;
        for (var i = 0; i < 2 * Burst && madeUp != HttpStatusCode.TooManyRequests; i++)
        {
            madeUp = (await ApiClient.For(host.App, ApiKeys.New()).Get("/v1/accounts")).StatusCode;
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, madeUp);
        Assert.Equal(HttpStatusCode.OK, (await tenant.Client.Get("/v1/accounts")).StatusCode);
    }
}

/// <summary>The same key refused again and again costs one look-up, at the default allowance.</summary>
public sealed class InvalidKeyMemoryTests(SqliteHostFixture host) : IClassFixture<SqliteHostFixture>
{
    [Fact]
    public async Task A_bad_key_repeated_is_looked_up_once()
    {
        var wrong = ApiClient.For(host.App, ApiKeys.New());
        using var lookups = new KeyLookups(host.App);

        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.Get("/v1/accounts")).StatusCode);
        }

        // Without the remembered verdict (_invalid in ApiKeyAuthenticator.CheckAsync) this is 30.
        Assert.Equal(1, lookups.Count);
    }
}

/// <summary>
/// Behind a reverse proxy: X-Forwarded-For names the client only when the request comes from a configured proxy.
/// Real Kestrel hosts, so the connection has a real peer address (127.0.0.1).
/// </summary>
public sealed class ForwardedClientAddressTests
{
    [Fact]
    public async Task Forwarded_addresses_are_counted_apart_only_behind_a_configured_proxy()
    {
        Assert.True(await ForwardedAddressesAreCountedApart(knownProxy: "127.0.0.1"));
        Assert.False(await ForwardedAddressesAreCountedApart(knownProxy: "10.9.8.7"));
        Assert.False(await ForwardedAddressesAreCountedApart(knownProxy: null));
    }

    /// <summary>Uses up one forwarded address's allowance, then asks whether another forwarded address still has its own.</summary>
    private static async Task<bool> ForwardedAddressesAreCountedApart(string? knownProxy)
    {
        using var database = new TempSqliteDatabase();
        var overrides = new Dictionary<string, string>
        {
            ["Campaigns:RateLimit:UnauthenticatedPermitsPerSecond"] = "1",
            ["Campaigns:RateLimit:UnauthenticatedBurst"] = "3",
        };
        if (knownProxy is not null)
        {
            overrides["Campaigns:Gateway:KnownProxies"] = knownProxy;
        }
        await using var app = new CampaignsApp(HostSettings.Sqlite(database.Directory) with { Kestrel = true, Overrides = overrides });
        app.StartServer();
        var client = app.CreateClient();

        HttpStatusCode last = default;
        for (var i = 0; i < 10 && last != HttpStatusCode.TooManyRequests; i++)
        {
            last = (await Anonymous(client, "203.0.113.7")).StatusCode;
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last);
        return (await Anonymous(client, "203.0.113.8")).StatusCode == HttpStatusCode.Unauthorized;
    }

    private static Task<HttpResponseMessage> Anonymous(HttpClient client, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/accounts");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "cmp_made_up");
        return client.SendAsync(request);
    }
}
