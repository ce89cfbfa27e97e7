using Campaigns.Connectors.Platforms;
using Campaigns.Connectors.Platforms.Instagram;
using Campaigns.PlatformFakes;
using Campaigns.PlatformFakes.Instagram;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Connectors.Tests.Platforms;

public sealed class InstagramConnectorTests : IAsyncLifetime
{
    private PlatformRig<InstagramFake> _rig = null!;

    private InstagramFake Fake => _rig.Fake;
    private InstagramConnector Connector => _rig.Services.GetRequiredService<InstagramConnector>();
    private InstagramOAuth OAuth => _rig.Services.GetRequiredService<InstagramOAuth>();

    public async Task InitializeAsync() =>
        _rig = await PlatformRig<InstagramFake>.StartAsync("Instagram", clock => new InstagramFake(clock),
            new Dictionary<string, string?> { ["ContainerPollInterval"] = "00:00:00.020" });

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private PlatformPost Post(int duration = 30) =>
        new("psh_ig", _rig.Media.Video(2_000_000), null, "Glow up", ["#reels", "skincare"], duration);

    private Task<PublishStep> Run(TestCredentials credentials, HandleLog log, PublishHandle? from = null, int transientRetries = 2) =>
        PlatformRig<InstagramFake>.Driver(transientRetries).RunAsync(Connector, Post(), from, credentials, log.Save, null, default);

    [Fact]
    public async Task A_reel_is_published_from_a_container_stored_before_publishing()
    {
        var credentials = _rig.Connect(OAuth, "ig-1");
        var log = new HandleLog(Fake);

        var step = await Run(credentials, log);

        Assert.Equal(PublishStepKind.Published, step.Kind);
        var media = Assert.Single(Fake.Posts.All);
        Assert.Equal((media.Id, "Glow up #reels #skincare"), (step.PostId, media.Text));
        Assert.Equal((InstagramConnector.ContainerStage, 0L), (log.Saves[0].Handle!.Stage, log.Saves[0].CreatesSoFar));
        Assert.Equal(1, Fake.Counters.CreatesFor(log.Saves[0].Handle!.Id));
    }

    [Fact]
    public async Task A_lost_publish_answer_is_resolved_from_the_published_container_without_publishing_again()
    {
        // Guard: InstagramConnector.ContinueAsync keeps the container when media_publish gets no answer
        // (PublishStep.Fail(handle, ...)); cleared, the driver makes a new container and Instagram gets a second reel.
        var credentials = _rig.Connect(OAuth, "ig-1");
        Fake.Faults.Once("publish", FaultKind.DropAnswer);

        var step = await Run(credentials, new HandleLog(Fake));

        Assert.Equal(PublishStepKind.Published, step.Kind);
        Assert.Equal(1, Fake.Counters.Creates);
        Assert.Equal(Assert.Single(Fake.Posts.All).Id, step.PostId);
        Assert.Equal(1, Fake.Counters["publish"]);
    }

    [Fact]
    public async Task A_lost_container_answer_is_begun_again_because_a_container_is_not_a_post()
    {
        var credentials = _rig.Connect(OAuth, "ig-1");
        Fake.Faults.Once("container", FaultKind.DropAnswer);

        var step = await Run(credentials, new HandleLog(Fake));

        Assert.Equal(PublishStepKind.Published, step.Kind);
        Assert.Equal((2L, 1L), (Fake.Counters["container-ok"], Fake.Counters.Creates));
    }

    [Fact]
    public async Task A_container_still_processing_waits_then_publishes_once_Instagram_is_done()
    {
        var credentials = _rig.Connect(OAuth, "ig-1");
        var credential = PlatformCredential.From(credentials.Tokens);
        Fake.Faults.ProcessingTime = TimeSpan.FromMinutes(2);
        var begun = await Connector.BeginAsync(Post(), credential, default);

        var waiting = await Connector.ContinueAsync(begun.Handle!, Post(), credential, null, default);
        _rig.FakeClock.Advance(TimeSpan.FromMinutes(3));
        var done = await Connector.ContinueAsync(begun.Handle!, Post(), credential, null, default);

        Assert.Equal((PublishStepKind.Wait, 0L), (waiting.Kind, Fake.Counters["publish"] - 1));
        Assert.Equal(PublishStepKind.Published, done.Kind);
    }

    [Fact]
    public async Task A_token_refreshes_itself_before_it_expires_and_the_old_one_stops_working()
    {
        var credentials = _rig.Connect(OAuth, "ig-1");
        var old = credentials.Tokens.AccessToken;

        var refreshed = await credentials.RefreshAsync(PlatformCredential.From(credentials.Tokens), default);
        var step = await Run(credentials, new HandleLog(Fake));

        Assert.True(refreshed.Ok);
        Assert.Equal(1, Fake.Counters.Refreshes);
        Assert.NotEqual(old, credentials.Tokens.AccessToken);
        Assert.Null(Fake.Accounts.UserOf(old));
        Assert.Equal("ig-1", credentials.Tokens.UserId);
        Assert.InRange(credentials.Tokens.AccessExpiresAt!.Value, DateTimeOffset.UtcNow.AddDays(59), DateTimeOffset.UtcNow.AddDays(61));
        Assert.Equal(PublishStepKind.Published, step.Kind);
    }

    [Fact]
    public async Task A_token_that_expired_mid_publish_cannot_refresh_itself_and_the_container_is_kept_for_after_reconnecting()
    {
        // Instagram refreshes only a token that is still valid, so the account grain must refresh ahead of expiry.
        var credentials = _rig.Connect(OAuth, "ig-1");
        Fake.Faults.Once("container_status", FaultKind.TokenExpired);

        var step = await Run(credentials, new HandleLog(Fake));

        Assert.Equal((PublishStepKind.Failed, FailureKind.RefreshRefused), (step.Kind, step.Failure!.Kind));
        Assert.Equal(InstagramConnector.ContainerStage, step.Handle!.Stage);
        Assert.Equal(0, Fake.Counters.Creates);
    }

    [Fact]
    public async Task A_token_that_cannot_refresh_asks_for_reauthorization()
    {
        var credentials = _rig.Connect(OAuth, "ig-1");
        Fake.Faults.RefuseRefresh = true;
        Fake.Faults.Once("container", FaultKind.TokenExpired);

        var step = await Run(credentials, new HandleLog(Fake));

        Assert.Equal((FailureKind.RefreshRefused, "190"), (step.Failure!.Kind, step.Failure.Code));
    }

    [Fact]
    public async Task A_throttled_call_is_a_rate_limit_with_the_answers_Retry_After()
    {
        var credentials = _rig.Connect(OAuth, "ig-1");
        Fake.Faults.Once("container", new Fault(FaultKind.RateLimited, RetryAfterSeconds: 30));

        var step = await Run(credentials, new HandleLog(Fake));

        Assert.Equal((FailureKind.RateLimited, "4", TimeSpan.FromSeconds(30)), (step.Failure!.Kind, step.Failure.Code, step.Failure.RetryAfter));
    }

    [Fact]
    public async Task A_policy_block_is_refused_with_Metas_code()
    {
        var credentials = _rig.Connect(OAuth, "ig-1");
        Fake.Faults.Once("container", new Fault(FaultKind.Refuse, Code: "368"));

        var step = await Run(credentials, new HandleLog(Fake));

        Assert.Equal((PublishStepKind.Failed, FailureKind.Refused, "368"), (step.Kind, step.Failure!.Kind, step.Failure.Code));
    }

    [Fact]
    public async Task Processing_that_fails_ends_with_the_containers_error_and_no_reel()
    {
        var credentials = _rig.Connect(OAuth, "ig-1");
        Fake.Faults.FailProcessing = "2207026";

        var step = await Run(credentials, new HandleLog(Fake));

        Assert.Equal((FailureKind.Refused, "Error: 2207026"), (step.Failure!.Kind, step.Failure.Code));
        Assert.Equal(0, Fake.Counters.Creates);
    }

    [Fact]
    public async Task An_expired_container_was_never_published_so_it_may_be_begun_again()
    {
        var credentials = _rig.Connect(OAuth, "ig-1");
        var credential = PlatformCredential.From(credentials.Tokens);
        var begun = await Connector.BeginAsync(Post(), credential, default);
        Fake.ExpireContainer(begun.Handle!.Id);

        var status = await Connector.StatusAsync(begun.Handle!, credential, default);

        Assert.Equal((PublishStepKind.Failed, FailureKind.Transient, null), (status.Kind, status.Failure!.Kind, status.Handle));
    }

    [Fact]
    public async Task A_reel_longer_than_Instagram_takes_is_refused_before_any_call()
    {
        var credentials = _rig.Connect(OAuth, "ig-1");

        var step = await Connector.BeginAsync(Post(duration: 181), PlatformCredential.From(credentials.Tokens), default);

        Assert.Equal(FailureKind.Refused, step.Failure!.Kind);
        Assert.Equal(0, Fake.Counters["container"]);
    }

    [Fact]
    public async Task Insights_grow_with_time_and_followers_and_the_publishing_quota_are_read()
    {
        var credentials = _rig.Connect(OAuth, "ig-1");
        Fake.Accounts.User("ig-1").Followers = 2024;
        var step = await Run(credentials, new HandleLog(Fake));
        var credential = PlatformCredential.From(credentials.Tokens);
        _rig.FakeClock.Advance(TimeSpan.FromMinutes(2));

        var metrics = Assert.Single((await Connector.MetricsAsync([step.PostId!], credential, default)).Value!);
        var followers = await Connector.FollowersAsync(credential, default);
        var quota = await Connector.PublishingLimitAsync(credential, default);

        Assert.Equal((1200L, 120L, 12L, 24L), (metrics.Views, metrics.Likes, metrics.Comments, metrics.Shares));
        Assert.Equal(2024, followers.Value);
        Assert.Equal((1L, 50L), quota.Value);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Connector.MetricsAsync(["a", "b"], credential, default));
    }

    [Fact]
    public void The_authorize_url_names_the_app_the_business_scopes_the_callback_and_the_state()
    {
        var query = OAuthFlow.Query(OAuth.AuthorizeUrl("st", OAuthFlow.Callback, null));

        Assert.Equal(Fake.Accounts.ClientKey, query["client_id"]);
        Assert.Equal("instagram_business_basic,instagram_business_content_publish,instagram_business_manage_insights", query["scope"]);
        Assert.Equal((OAuthFlow.Callback.AbsoluteUri, "code", "st"), (query["redirect_uri"], query["response_type"], query["state"]));
    }

    [Fact]
    public async Task A_code_becomes_a_long_lived_token_for_the_Instagram_user()
    {
        Fake.Accounts.NextConsentingUser = "ig-42";

        var tokens = await OAuthFlow.ConnectAsync(OAuth, "s1");

        Assert.True(tokens.Ok);
        Assert.Equal("ig-42", tokens.Value!.UserId);
        Assert.Null(tokens.Value.RefreshToken);
        Assert.InRange(tokens.Value.AccessExpiresAt!.Value, DateTimeOffset.UtcNow.AddDays(59), DateTimeOffset.UtcNow.AddDays(61));
        Assert.Contains("instagram_business_content_publish", tokens.Value.Scopes);
    }
}
