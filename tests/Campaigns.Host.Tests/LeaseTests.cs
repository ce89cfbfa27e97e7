using System.Net;
using Campaigns.Host.Tests.Support;
using Campaigns.Testing;

namespace Campaigns.Host.Tests;

/// <summary>
/// A publish that takes far longer than the lease and than a grain call may is still one publish: its silo keeps
/// renewing the lease, and nothing cuts the call to the account short. And a command that outlasts the grain-call
/// timeout answers 503 without claiming the database is down.
/// </summary>
public sealed class LeaseTests(PushPathHost host) : IClassFixture<PushPathHost>
{
    /// <summary>Five leases, and two and a half grain-call timeouts.</summary>
    private static readonly TimeSpan SlowAnswer = TimeSpan.FromSeconds(5 * PushPathHost.LeaseSeconds);

    // Fails without either guard, each checked by removing it:
    // - the renewal round in PushLeases.ExecuteAsync (`await RenewAsync(stoppingToken);`): the sweeper recovers the
    //   push every 4 s, and each new attempt looks it up (4 look-ups seen);
    // - `[ResponseTimeout("01:00:00")]` on IAccountGrain.Publish: the call times out after 8 s, the attempt counts, and
    //   the retry looks the post up (attempts 2).
    [Fact]
    public async Task A_publish_slower_than_its_lease_and_the_grain_call_timeout_is_published_once_and_never_requeued()
    {
        var (push, platform) = await SlowPublishInFlightAsync();
        await using var _ = platform;

        // While the platform takes its time, the push stays publishing: never recovered, never claimed again.
        var watchUntil = DateTime.UtcNow + SlowAnswer - TimeSpan.FromSeconds(2);
        while (DateTime.UtcNow < watchUntil)
        {
            var status = (await push.ReadAsync())["status"]!.GetValue<string>();
            Assert.True(status == "publishing", $"the push went {status} while its publish was still running");
            await Task.Delay(250);
        }

        var published = await push.WaitForAsync("published", TimeSpan.FromSeconds(30));
        Assert.Equal(platform.PostOf(push.Key), published["platformPostId"]!.GetValue<string>());
        Assert.Equal(1, published["attempts"]!.GetValue<int>());
        Assert.Equal((1, 0), (platform.Creates(push.Key), platform.Lookups(push.Key)));
    }

    // Fails without `_ when Faults.IsClusterTimeout(exception)` in GatewayExceptionHandler (checked: the timeout is
    // then a 500), and without `if (!Errors.Faults.IsClusterTimeout(e))` in IdempotencyMiddleware (the key is released
    // and the retry runs the pause a second time, which times out again: 503, not 409).
    [Fact]
    public async Task A_command_that_outlasts_the_grain_call_timeout_answers_503_that_it_may_or_may_not_have_been_applied()
    {
        var (push, platform) = await SlowPublishInFlightAsync();
        await using var _ = platform;
        var tenant = push.Tenant;

        // A pause waits for the pushes in flight (up to 20 s) before it answers: longer than a grain call may take.
        var pause = await tenant.Client.PostJson($"/v1/campaigns/{push.CampaignId}/pause", new { }, idempotencyKey: "pause-" + push.CampaignId);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, pause.StatusCode);
        var problem = await ApiClient.Json(pause);
        Assert.Equal("Cluster did not answer in time", problem["title"]!.GetValue<string>());
        Assert.Contains("may or may not have been applied", problem["detail"]!.GetValue<string>());
        Assert.Contains("Idempotency-Key", problem["detail"]!.GetValue<string>());
        // Retried at once under the same key, it is not run a second time while the first may still be running.
        var retry = await tenant.Client.PostJson($"/v1/campaigns/{push.CampaignId}/pause", new { }, idempotencyKey: "pause-" + push.CampaignId);
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Equal("Request in progress", (await ApiClient.Json(retry))["title"]!.GetValue<string>());
        // It was applied, as it happens: the campaign reads paused once the publish in flight has landed (until then the
        // campaign is busy waiting for it, and reads of it time out too).
        await Poll.Until(async () => await tenant.Client.Get($"/v1/campaigns/{push.CampaignId}") is { StatusCode: HttpStatusCode.OK } read
            && (await ApiClient.Json(read))["status"]!.GetValue<string>() == "paused", TimeSpan.FromSeconds(60));
        Assert.Equal("published", (await push.WaitForAsync("published", TimeSpan.FromSeconds(30)))["status"]!.GetValue<string>());
    }

    /// <summary>A one-push campaign whose platform answers only after <see cref="SlowAnswer"/>, its publish under way.</summary>
    private async Task<(SinglePush Push, FakePlatform Platform)> SlowPublishInFlightAsync()
    {
        var tenant = await Tenant.Create(host.App);
        var platform = await FakePlatform.StartAsync();
        platform.AnswerDelay = SlowAnswer;
        var push = await SinglePush.LaunchAsync(tenant, platform, startIn: TimeSpan.FromSeconds(2));
        await Poll.Until(async () => platform.Creates(push.Key) == 1, TimeSpan.FromSeconds(30));
        return (push, platform);
    }
}
