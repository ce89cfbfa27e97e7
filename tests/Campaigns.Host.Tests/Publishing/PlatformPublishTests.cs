using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Host.Tests.Support;
using Campaigns.PlatformFakes;
using Campaigns.Testing;

namespace Campaigns.Host.Tests.Publishing;

/// <summary>
/// Publishing to the five platforms through the real host and the platform fakes: a launched campaign's push goes out
/// through the account's connector, once, with the platform's post id; its correlation handle is stored before the
/// step that can create the post, so a later attempt resumes from it instead of creating again.
/// </summary>
[Collection(PublishHostFixture.Collection)]
public sealed class PlatformPublishTests(PublishHostFixture host)
{
    public static TheoryData<string> Types => new() { "tiktok", "youtube", "instagram", "douyin", "kuaishou" };

    [Theory]
    [MemberData(nameof(Types))]
    public async Task A_connected_account_publishes_its_push_once_with_the_platforms_post_id(string type)
    {
        var flow = await PublishFlow.Account(host, type);
        var (_, pushId) = await flow.LaunchAsync(host);

        var push = await flow.UntilAsync(pushId, "published");

        var post = Assert.Single(flow.Posts);
        Assert.Equal(post.Id, push["platformPostId"]!.GetValue<string>());
        Assert.Equal(1, flow.Creates);
    }

    [Fact]
    public async Task A_retry_after_the_uploads_answer_was_lost_resumes_from_the_stored_handle_and_creates_nothing_more()
    {
        // Guarded by PlatformPublisher.PublishAsync's "var stored = Parse(await ... pushHandles.HandleAsync(...))":
        // without it the second attempt begins again (a new init, a new upload) and TikTok counts two posts.
        var flow = await PublishFlow.Account(host, "tiktok");
        // The last (only) chunk lands and makes the post, its answer is lost; every status fetch of this attempt fails,
        // so the attempt ends transient and the push's next attempt must find the post from what was stored.
        flow.Fake.Faults.Once("upload", FaultKind.DropAnswer)
            .Once("status", FaultKind.None)
            .Once("status", FaultKind.ServerError).Once("status", FaultKind.ServerError).Once("status", FaultKind.ServerError);
        var (_, pushId) = await flow.LaunchAsync(host);

        var push = await flow.UntilAsync(pushId, "published");

        Assert.Equal(1, flow.Creates);
        Assert.Equal(2, push["attempts"]!.GetValue<int>());
        Assert.Equal(Assert.Single(flow.Posts).Id, push["platformPostId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_lost_answer_to_the_create_leaves_the_push_unconfirmed_and_it_is_not_published_again()
    {
        // Guarded by PushPublisher's "case PublishStatus.Unconfirmed" (MarkUnconfirmed): without it the report falls to
        // the failure branch and the push ends failed, as if nothing had been posted.
        var flow = await PublishFlow.Account(host, "douyin");
        flow.Fake.Faults.Once("create_video", FaultKind.DropAnswer);
        var (campaignId, pushId) = await flow.LaunchAsync(host);

        var push = await flow.UntilAsync(pushId, "unconfirmed");

        Assert.Equal(1, flow.Creates);
        Assert.Contains("resolve", push["lastError"]!.GetValue<string>());
        Assert.Null(push["platformPostId"]);
        var campaign = await ApiClient.Json(await flow.Tenant.Client.Get($"/v1/campaigns/{campaignId}"));
        Assert.Equal(1, campaign["progress"]!["unconfirmed"]!.GetValue<int>());
        Assert.Contains(await Timeline(flow, campaignId), e => e!["type"]!.GetValue<string>() == "push-unconfirmed");

        // A person finds the post on the platform and says so.
        var postId = Assert.Single(flow.Posts).Id;
        var resolved = await flow.Tenant.Client.PostJson($"/v1/pushes/{pushId}/resolve", new { platformPostId = postId }, "resolve-" + pushId);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal(("published", postId), Status(await ApiClient.Json(resolved)));
        Assert.Equal(("published", postId), Status(await flow.PushAsync(pushId)));
        // The same request again is a replay of the first answer, not a 409.
        var replay = await flow.Tenant.Client.PostJson($"/v1/pushes/{pushId}/resolve", new { platformPostId = postId }, "resolve-" + pushId);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(1, flow.Creates);
    }

    [Fact]
    public async Task An_unconfirmed_push_resolved_as_not_published_is_due_again_and_publishes()
    {
        // Guarded by ResolveNotPublishedAsync's ", due_at = @now" together with the ResolveRequeue row of PushTransitions
        // (unconfirmed → scheduled): without the row the resolve answers 409 and the push stays unconfirmed.
        var flow = await PublishFlow.Account(host, "douyin");
        flow.Fake.Faults.Once("create_video", FaultKind.DropAnswer);
        var (_, pushId) = await flow.LaunchAsync(host);
        await flow.UntilAsync(pushId, "unconfirmed");

        var resolved = await flow.Tenant.Client.PostJson($"/v1/pushes/{pushId}/resolve", new { published = false });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal("scheduled", (await ApiClient.Json(resolved))["status"]!.GetValue<string>());

        var push = await flow.UntilAsync(pushId, "published");
        // The person said the first create made nothing, so a second post is what they asked for.
        Assert.Equal(2, flow.Creates);
        Assert.Equal(flow.Posts[0].Id, push["platformPostId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Resolve_refuses_a_push_that_is_not_unconfirmed_a_foreign_push_and_a_body_that_says_nothing()
    {
        var flow = await PublishFlow.Account(host, "kuaishou");
        var (_, pushId) = await flow.LaunchAsync(host);
        await flow.UntilAsync(pushId, "published");
        var path = $"/v1/pushes/{pushId}/resolve";

        Assert.Equal(HttpStatusCode.Conflict, (await flow.Tenant.Client.PostJson(path, new { platformPostId = "x1" })).StatusCode);
        var stranger = await Tenant.Create(host.App, "Other Agency");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.PostJson(path, new { platformPostId = "x1" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await flow.Tenant.Client.PostJson("/v1/pushes/psh_nope/resolve", new { published = false })).StatusCode);

        var empty = await flow.Tenant.Client.PostJson(path, new { });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.NotNull((await ApiClient.Json(empty))["errors"]!["platformPostId"]);
        var both = await flow.Tenant.Client.PostJson(path, new { platformPostId = "x1", published = false });
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.NotNull((await ApiClient.Json(both))["errors"]!["published"]);
        Assert.Equal("published", (await flow.PushAsync(pushId))["status"]!.GetValue<string>());
    }

    private static (string, string?) Status(JsonNode push) =>
        (push["status"]!.GetValue<string>(), push["platformPostId"]?.GetValue<string>());

    [Fact]
    public async Task A_token_that_expires_mid_publish_is_refreshed_once_and_the_post_made_once()
    {
        // Guarded by PublishDriver's "case PublishStepKind.Failed when ... TokenInvalid && !refreshed": without it the
        // invalid token fails every attempt and the push ends failed with nothing posted.
        var flow = await PublishFlow.Account(host, "tiktok");
        var refreshes = flow.Fake.Counters.Refreshes;
        flow.Fake.Faults.Once("status", FaultKind.TokenExpired);
        var (_, pushId) = await flow.LaunchAsync(host);

        await flow.UntilAsync(pushId, "published");

        Assert.Equal(refreshes + 1, flow.Fake.Counters.Refreshes);
        Assert.Equal(1, flow.Creates);
    }

    [Fact]
    public async Task A_refused_refresh_holds_the_push_until_the_account_is_connected_again_then_it_publishes_once()
    {
        // Guarded by PushPublisher's "case PublishStatus.AwaitingCredential": without it the push ends failed instead
        // of waiting, and reconnecting publishes nothing.
        var flow = await PublishFlow.Account(host, "tiktok");
        flow.Fake.Faults.Once("creator_info", FaultKind.TokenExpired);
        flow.Fake.Faults.RefuseRefresh = true;
        string campaignId, pushId;
        try
        {
            (campaignId, pushId) = await flow.LaunchAsync(host);
            await Poll.Until(async () => (await flow.PushAsync(pushId))["lastError"]?.GetValue<string>()?.StartsWith("Held", StringComparison.Ordinal) == true,
                TimeSpan.FromSeconds(60));
        }
        finally
        {
            flow.Fake.Faults.RefuseRefresh = false;
        }
        var held = await flow.PushAsync(pushId);
        Assert.Equal("scheduled", held["status"]!.GetValue<string>());
        Assert.Equal("needs-reauth", (await ConnectFlow.Credential(flow.Tenant, flow.AccountId))!["status"]!.GetValue<string>());
        Assert.Contains(await Timeline(flow, campaignId), e => e!["type"]!.GetValue<string>() == "push-held");
        Assert.Equal(0, flow.Creates);

        await flow.ConnectAsync(host);

        await flow.UntilAsync(pushId, "published");
        Assert.Equal(1, flow.Creates);
    }

    [Fact]
    public async Task An_account_never_connected_holds_its_push_and_connecting_releases_it()
    {
        // Guarded by "await publisher.ReleaseAwaitingAsync(...)" in AccountGrain.Connect (PlatformPublisher.ReleaseAwaitingAsync):
        // without it the push waits for ever.
        var flow = await PublishFlow.Account(host, "instagram", connect: false);
        var (_, pushId) = await flow.LaunchAsync(host);
        await Poll.Until(async () => (await flow.PushAsync(pushId))["lastError"]?.GetValue<string>()?.Contains("not connected", StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(60));

        await flow.ConnectAsync(host);

        var push = await flow.UntilAsync(pushId, "published");
        Assert.Equal(Assert.Single(flow.Posts).Id, push["platformPostId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_permanent_refusal_fails_the_push_with_the_platforms_code()
    {
        var flow = await PublishFlow.Account(host, "tiktok");
        flow.Fake.Faults.Once("init", new Fault(FaultKind.Refuse, Code: "spam_risk_too_many_posts"));
        var (_, pushId) = await flow.LaunchAsync(host);

        var push = await flow.UntilAsync(pushId, "failed");

        Assert.StartsWith("spam_risk_too_many_posts", push["lastError"]!.GetValue<string>());
        Assert.Equal(1, push["attempts"]!.GetValue<int>());
        Assert.Equal(0, flow.Creates);
    }

    private static async Task<JsonArray> Timeline(PublishFlow flow, string campaignId)
    {
        var body = await ApiClient.Json(await flow.Tenant.Client.Get($"/v1/campaigns/{campaignId}/timeline"));
        return body["events"]!.AsArray();
    }
}
