using System.Text.Json.Nodes;
using Campaigns.Host.Tests.Support;
using Campaigns.PlatformFakes;
using Campaigns.PlatformFakes.Instagram;
using Campaigns.PlatformFakes.TikTok;
using Campaigns.Testing;

namespace Campaigns.Host.Tests.Publishing;

/// <summary>
/// Per-user quotas through the real host and the TikTok fake (which enforces TikTok's per-token init limit with a 429
/// and Retry-After): a burst over the quota waits for a free slot instead of being refused, and a platform's
/// Retry-After postpones the push to at least that instant without using an attempt.
/// </summary>
[Collection(PublishHostFixture.Collection)]
public sealed class PlatformQuotaTests(PublishHostFixture host)
{
    [Fact]
    public async Task A_burst_over_TikToks_init_quota_waits_for_a_free_slot_and_TikTok_never_refuses_it()
    {
        // Guarded by QuotaConnector.BeginAsync's "quotas.TakePublish()": without it the seventh init reaches TikTok
        // within its window and the fake answers 429 (init-rate-limited counts one).
        var flow = await PublishFlow.Account(host, "tiktok", minGapMinutes: 0);
        var fake = (TikTokFake)flow.Fake;
        // A little shorter than the host's window, so the host's freed slot is free at the fake too.
        fake.InitWindow = PublishHostFixture.QuotaWindow - TimeSpan.FromSeconds(1);
        var refusedBefore = fake.Counters["init-rate-limited"];
        var at = DateTimeOffset.UtcNow.AddSeconds(8);
        var pushes = new List<string>();
        for (var i = 0; i < fake.InitLimit + 1; i++)
        {
            pushes.Add((await PublishFlow.LaunchOnePushAsync(flow.Tenant.Client, flow.AccountId, host.Media.Video(1_000_000), at)).PushId);
        }

        // One of them waits for the quota, scheduled again with no attempt used.
        JsonNode? waiting = null;
        await Poll.Until(async () =>
        {
            foreach (var id in pushes)
            {
                var push = await flow.PushAsync(id);
                if (push["lastError"]?.GetValue<string>() is { } why && why.Contains("publish_quota", StringComparison.Ordinal))
                {
                    waiting = push;
                    return true;
                }
            }
            return false;
        }, TimeSpan.FromSeconds(60));
        Assert.Equal("scheduled", waiting!["status"]!.GetValue<string>());
        Assert.Equal(0, waiting["attempts"]!.GetValue<int>());

        foreach (var id in pushes)
        {
            var push = await flow.UntilAsync(id, "published", TimeSpan.FromSeconds(120));
            Assert.Equal(1, push["attempts"]!.GetValue<int>());
        }
        Assert.Equal(refusedBefore, fake.Counters["init-rate-limited"]);
        Assert.Equal(pushes.Count, flow.Creates);
        var inits = fake.InitsBy(flow.UserId);
        Assert.Equal(pushes.Count, inits.Count);
        Assert.True(inits[^1] - inits[0] >= fake.InitWindow, $"the last init came {inits[^1] - inits[0]} after the first");
    }

    [Fact]
    public async Task A_429_with_Retry_After_postpones_the_push_to_that_instant_without_using_an_attempt()
    {
        // Guarded by PlatformPublisher.PublishAsync's "if (step is { Kind: PublishStepKind.Failed, Failure.Kind: FailureKind.RateLimited })":
        // without it the 429 is a transient failure, retried after the usual backoff (about a second here) with an
        // attempt used, so the push ends with two attempts and its init well before the Retry-After.
        var flow = await PublishFlow.Account(host, "tiktok");
        var fake = (TikTokFake)flow.Fake;
        const int retryAfterSeconds = 5;
        fake.Faults.Once("init", new Fault(FaultKind.RateLimited, RetryAfterSeconds: retryAfterSeconds));
        var (_, pushId) = await flow.LaunchAsync(host);

        JsonNode postponed = null!;
        await Poll.Until(async () => (postponed = await flow.PushAsync(pushId))["lastError"]?.GetValue<string>()?.Contains("rate_limit_exceeded") == true,
            TimeSpan.FromSeconds(60));
        Assert.Equal("scheduled", postponed["status"]!.GetValue<string>());
        Assert.Equal(0, postponed["attempts"]!.GetValue<int>());

        var push = await flow.UntilAsync(pushId, "published");

        Assert.Equal(1, push["attempts"]!.GetValue<int>());
        Assert.Equal(1, flow.Creates);
        var scheduledAt = push["scheduledAt"]!.GetValue<DateTimeOffset>();
        var init = Assert.Single(fake.InitsBy(flow.UserId));
        // The 429 came after the scheduled instant, so the accepted init comes at least Retry-After later still.
        Assert.True(init - scheduledAt >= TimeSpan.FromSeconds(retryAfterSeconds), $"init {init - scheduledAt} after the instant");
    }

    [Fact]
    public async Task An_Instagram_account_whose_publishing_limit_is_used_up_waits_for_its_window_without_creating_a_container()
    {
        // Guarded by PublishLimits.BeforeCreateAsync's "if (total > 0 && used >= total)": without it the second push makes
        // a container and publishes past the quota content_publishing_limit reported.
        var flow = await PublishFlow.Account(host, "instagram", minGapMinutes: 0);
        var fake = (InstagramFake)flow.Fake;
        fake.QuotaTotal = 1;
        try
        {
            var (_, first) = await flow.LaunchAsync(host);
            var published = await flow.UntilAsync(first, "published");
            var (_, second) = await flow.LaunchAsync(host);

            JsonNode push = null!;
            await Poll.Until(async () => (push = await flow.PushAsync(second))["lastError"]?.GetValue<string>()?.Contains("content_publishing_limit") == true,
                TimeSpan.FromSeconds(60));

            Assert.Equal("scheduled", push["status"]!.GetValue<string>());
            Assert.Equal(0, push["attempts"]!.GetValue<int>());
            Assert.Equal(1, flow.Creates);
            Assert.Single(flow.Posts);
            // Due again when the first publish leaves Instagram's 24-hour window.
            var until = DateTimeOffset.Parse(push["lastError"]!.GetValue<string>()["Postponed until ".Length..].Split(": ")[0], System.Globalization.CultureInfo.InvariantCulture);
            var expected = published["scheduledAt"]!.GetValue<DateTimeOffset>() + TimeSpan.FromDays(1);
            Assert.True((until - expected).Duration() < TimeSpan.FromSeconds(1), $"due again at {until:O}, not about {expected:O}");
        }
        finally
        {
            fake.QuotaTotal = 50;
        }
    }
}
