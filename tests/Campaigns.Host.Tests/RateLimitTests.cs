using System.Net;
using Campaigns.Host.Tests.Support;
using Campaigns.Testing;

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

        // Create accounts until one is refused: the bucket holds 3 and refills 1 a second, so that comes within a few.
        var created = new List<string>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 20 && refused is null; i++)
        {
            var response = await busy.Client.PostJson("/v1/accounts", Tenant.AccountBody($"throttled_{i}"));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                created.Add($"throttled_{i}");
            }
        }

        Assert.NotNull(refused);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.StartsWith("application/problem+json", refused.Content.Headers.ContentType!.ToString());
        var problem = await ApiClient.Json(refused);
        Assert.Equal((429, "https://tools.ietf.org/html/rfc6585#section-4"), (problem["status"]!.GetValue<int>(), problem["type"]!.GetValue<string>()));
        Assert.Contains("nothing was done", problem["detail"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await calm.Client.Get("/v1/accounts")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiClient.For(host.App, null).Get("/v1/accounts")).StatusCode);

        // The bucket refills: the busy agency is served again, and holds exactly the accounts that were accepted.
        HttpResponseMessage? listed = null;
        await Poll.Until(async () => (listed = await busy.Client.Get("/v1/accounts")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        var handles = (await ApiClient.Json(listed!))["items"]!.AsArray().Select(a => a!["handle"]!.GetValue<string>());
        Assert.Equal(created.Order(), handles.Order());
    }
}
