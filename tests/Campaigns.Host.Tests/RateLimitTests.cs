using System.Net;
using Campaigns.Host.Tests.Support;

namespace Campaigns.Host.Tests;

/// <summary>
/// The per-agency rate limit through the real host, set tiny here (1 request per second, bursts of 3): an agency over
/// it gets 429 with Retry-After and nothing done, another agency is unaffected, and the bucket refills.
/// </summary>
public sealed class RateLimitTests(RateLimitTests.Host host) : IClassFixture<RateLimitTests.Host>
{
    public sealed class Host : SqliteHostFixture
    {
        protected override IReadOnlyDictionary<string, string> Overrides { get; } = new Dictionary<string, string>
        {
            ["Campaigns:RateLimit:PermitsPerSecond"] = "1",
            ["Campaigns:RateLimit:Burst"] = "3",
        };
    }

    [Fact]
    public async Task An_agency_over_its_rate_gets_429_and_changes_nothing_while_others_carry_on()
    {
        var busy = await Tenant.Create(host.App, "Busy Agency");
        var calm = await Tenant.Create(host.App, "Calm Agency");

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await busy.Client.Get("/v1/accounts"));
        }
        var refusedCreate = await busy.Client.PostJson("/v1/accounts", Tenant.AccountBody("throttled"));

        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedCreate.StatusCode);
        Assert.True(int.Parse(refusedCreate.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.StartsWith("application/problem+json", refusedCreate.Content.Headers.ContentType!.ToString());
        var problem = await ApiClient.Json(refusedCreate);
        Assert.Equal((429, "https://tools.ietf.org/html/rfc6585#section-4"), (problem["status"]!.GetValue<int>(), problem["type"]!.GetValue<string>()));
        Assert.Contains("nothing was done", problem["detail"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await calm.Client.Get("/v1/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiClient.For(host.App, null).Get("/v1/accounts")).StatusCode);

        // The bucket refills: the busy agency is served again, and the refused create left nothing behind.
        HttpResponseMessage? listed = null;
        await Poll.Until(async () => (listed = await busy.Client.Get("/v1/accounts")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        Assert.Empty((await ApiClient.Json(listed!))["items"]!.AsArray());
    }
}
