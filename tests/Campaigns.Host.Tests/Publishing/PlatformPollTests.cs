using System.Text.Json.Nodes;
using Campaigns.Grains.Abstractions.Accounts;
using Campaigns.Grains.Abstractions.Common;
using Campaigns.Host.Tests.Support;
using Campaigns.PlatformFakes;
using Campaigns.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Host.Tests.Publishing;

/// <summary>
/// Metrics and followers pulled back from the five platforms through the real host and the platform fakes: the
/// platform poller asks each account for its published posts' numbers on a durable schedule (every second here) and
/// records them as the push's snapshots, and asks connected accounts for their followers into the follower history.
/// </summary>
[Collection(PublishHostFixture.Collection)]
public sealed class PlatformPollTests(PublishHostFixture host)
{
    /// <summary>Each platform with the share count it reports when a post has 12 shares (YouTube and Kuaishou report none).</summary>
    public static TheoryData<string, long> Platforms => new()
    {
        { "tiktok", 12 }, { "youtube", 0 }, { "instagram", 12 }, { "douyin", 12 }, { "kuaishou", 0 },
    };

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task A_published_posts_numbers_and_the_accounts_followers_come_back_from_the_platform(string type, long shares)
    {
        // Guarded by PlatformPoll.RunAsync's "round.Scheduled = await ScheduleNewAsync(...)" (without it no post is ever
        // due, so no metrics arrive) and its "await PollFollowersAsync(...)" (without it the followers never change).
        var flow = await PublishFlow.Account(host, type, connect: false);
        var followers = Random.Shared.NextInt64(2_000, 90_000);
        flow.Fake.Accounts.User(flow.UserId).Followers = followers;
        await flow.ConnectAsync(host);
        var (_, pushId) = await flow.LaunchAsync(host);
        await flow.UntilAsync(pushId, "published");
        var post = Assert.Single(flow.Posts);

        flow.FakePosts.SetEngagement(post.Id, 12_345, 678, 90, 12);
        var metrics = await MetricsUntil(flow, pushId, 12_345);
        Assert.Equal((678L, 90L, shares), (Long(metrics, "likes"), Long(metrics, "comments"), Long(metrics, "shares")));

        // The platform's numbers move; the next polls bring them in.
        flow.FakePosts.SetEngagement(post.Id, 20_000, 1_000, 100, 20);
        metrics = await MetricsUntil(flow, pushId, 20_000);
        Assert.Equal((1_000L, 100L), (Long(metrics, "likes"), Long(metrics, "comments")));

        await Poll.Until(async () => Long(await Json(flow, $"/v1/accounts/{flow.AccountId}"), "followers") == followers, TimeSpan.FromSeconds(60));
        var history = await Json(flow, $"/v1/accounts/{flow.AccountId}/followers");
        Assert.Contains(followers, history["points"]!.AsArray().Select(p => Long(p!, "count")));
    }

    [Theory]
    // connector, posts, the fake's metrics operation, platform calls expected for that many posts (its batch size:
    // TikTok and Douyin 20, YouTube 50, Instagram and Kuaishou 1)
    [InlineData("tiktok", 25, "video_query", 2)]
    [InlineData("youtube", 51, "videos", 2)]
    [InlineData("instagram", 3, "insights", 3)]
    [InlineData("douyin", 21, "video_data", 2)]
    [InlineData("kuaishou", 2, "photo_info", 2)]
    public async Task An_accounts_posts_are_asked_for_in_batches_of_the_platforms_size(string type, int posts, string operation, int calls)
    {
        // Guarded by AccountPoller.PollMetricsAsync's "postIds.Chunk(connector.MetricsBatchSize)": without it every id goes
        // in one call, which the connectors refuse beyond their batch size, and the poll fails.
        var flow = await PublishFlow.Account(host, type);
        var ids = Enumerable.Range(0, posts).Select(i => flow.FakePosts.Create("batch", flow.UserId, $"post {i}", 1).Id).ToList();
        var before = flow.Fake.Counters.CallsBy(operation, flow.UserId);

        var poll = await Polling(flow).PollMetrics(ids);

        Assert.Equal(PollOutcome.Polled, poll.Outcome);
        Assert.Equal(ids.Order(StringComparer.Ordinal), poll.Metrics.Select(m => m.PostId).Order(StringComparer.Ordinal));
        Assert.Equal(calls, flow.Fake.Counters.CallsBy(operation, flow.UserId) - before);
    }

    [Fact]
    public async Task A_token_the_platform_calls_invalid_is_renewed_once_and_the_poll_goes_on()
    {
        // Guarded by AccountPoller.WithCredentialAsync's "current = await keeper.RefreshAsync(...)": without it the poll
        // ends failed with the invalid token.
        var flow = await PublishFlow.Account(host, "tiktok");
        var ids = new[] { flow.FakePosts.Create("renew", flow.UserId, "one", 1).Id, flow.FakePosts.Create("renew", flow.UserId, "two", 1).Id };
        var refreshes = flow.Fake.Counters.Refreshes;
        flow.Fake.Faults.Once("video_query", FaultKind.TokenExpired);

        var poll = await Polling(flow).PollMetrics(ids);

        Assert.Equal(PollOutcome.Polled, poll.Outcome);
        Assert.Equal(2, poll.Metrics.Count);
        Assert.Equal(refreshes + 1, flow.Fake.Counters.Refreshes);
    }

    [Fact]
    public async Task A_rate_limited_account_leaves_the_rest_unasked_and_is_asked_again_later()
    {
        var flow = await PublishFlow.Account(host, "tiktok");
        var ids = Enumerable.Range(0, 25).Select(i => flow.FakePosts.Create("limit", flow.UserId, $"post {i}", 1).Id).ToList();
        var before = flow.Fake.Counters.CallsBy("video_query", flow.UserId);
        flow.Fake.Faults.Once("video_query", new Fault(FaultKind.RateLimited, RetryAfterSeconds: 5));

        var limited = await Polling(flow).PollMetrics(ids);

        Assert.Equal(PollOutcome.RateLimited, limited.Outcome);
        Assert.Empty(limited.Metrics);
        Assert.Equal(ids, limited.Unasked);
        Assert.Equal(1, flow.Fake.Counters.CallsBy("video_query", flow.UserId) - before);
        Assert.Equal(PollOutcome.Polled, (await Polling(flow).PollMetrics(ids)).Outcome);
    }

    [Fact]
    public async Task An_account_whose_refresh_is_refused_needs_reauth_and_is_skipped_without_calling_the_platform()
    {
        var flow = await PublishFlow.Account(host, "tiktok");
        var ids = new[] { flow.FakePosts.Create("reauth", flow.UserId, "one", 1).Id };
        var before = flow.Fake.Counters.CallsBy("video_query", flow.UserId);
        flow.Fake.Faults.Once("video_query", FaultKind.TokenExpired);
        flow.Fake.Faults.RefuseRefresh = true;
        MetricsPoll refused, again;
        try
        {
            refused = await Polling(flow).PollMetrics(ids);
            again = await Polling(flow).PollMetrics(ids);
        }
        finally
        {
            flow.Fake.Faults.RefuseRefresh = false;
        }

        Assert.Equal((PollOutcome.NoCredential, PollOutcome.NoCredential), (refused.Outcome, again.Outcome));
        Assert.Equal("needs-reauth", (await ConnectFlow.Credential(flow.Tenant, flow.AccountId))!["status"]!.GetValue<string>());
        // One call found the token invalid; the second poll was stopped by the keeper, for want of a credential.
        Assert.Equal(1, flow.Fake.Counters.CallsBy("video_query", flow.UserId) - before);
        Assert.StartsWith("needs_reauth", again.Detail);
    }

    private IAccountPolling Polling(PublishFlow flow) =>
        host.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountPolling>(GrainKeys.For(flow.Tenant.Id, flow.AccountId));

    /// <summary>Waits (deadline-bounded) until the push's latest snapshot shows <paramref name="views"/>; that snapshot.</summary>
    private static async Task<JsonNode> MetricsUntil(PublishFlow flow, string pushId, long views)
    {
        JsonNode? metrics = null;
        await Poll.Until(async () => (metrics = (await flow.PushAsync(pushId))["metrics"]) is { } m && Long(m, "views") == views, TimeSpan.FromSeconds(60));
        return metrics!;
    }

    private static async Task<JsonNode> Json(PublishFlow flow, string path) => await ApiClient.Json(await flow.Tenant.Client.Get(path));

    private static long Long(JsonNode node, string name) => node[name]!.GetValue<long>();
}
