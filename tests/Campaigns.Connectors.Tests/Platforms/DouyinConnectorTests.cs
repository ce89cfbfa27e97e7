using Campaigns.Connectors.Platforms;
using Campaigns.Connectors.Platforms.Douyin;
using Campaigns.PlatformFakes;
using Campaigns.PlatformFakes.Douyin;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Connectors.Tests.Platforms;

public sealed class DouyinConnectorTests : IAsyncLifetime
{
    private const long MiB = 1024 * 1024;
    private const long VideoBytes = 12 * MiB + 5; // parts of 5, 5 and 2 MiB

    private PlatformRig<DouyinFake> _rig = null!;

    private DouyinFake Fake => _rig.Fake;
    private DouyinConnector Connector => _rig.Services.GetRequiredService<DouyinConnector>();
    private DouyinOAuth OAuth => _rig.Services.GetRequiredService<DouyinOAuth>();

    public async Task InitializeAsync() =>
        _rig = await PlatformRig<DouyinFake>.StartAsync("Douyin", clock => new DouyinFake(clock),
            new Dictionary<string, string?> { ["PartBytes"] = (5 * MiB).ToString() });

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private PlatformPost Post(int duration = 60) =>
        new("psh_dy", _rig.Media.Video(VideoBytes), null, "夏天补水三步走", ["#护肤"], duration);

    private Task<PublishStep> Run(TestCredentials credentials, HandleLog log, PublishHandle? from = null, int transientRetries = 2) =>
        PlatformRig<DouyinFake>.Driver(transientRetries).RunAsync(Connector, Post(), from, credentials, log.Save, null, default);

    [Fact]
    public async Task A_video_goes_up_in_parts_and_is_created_once_with_each_handle_stored_before_the_next_step()
    {
        var credentials = _rig.Connect(OAuth, "open-1");
        var log = new HandleLog(Fake);

        var step = await Run(credentials, log);

        Assert.Equal(PublishStepKind.Published, step.Kind);
        var post = Assert.Single(Fake.Posts.All);
        Assert.Equal((post.Id, "夏天补水三步走 #护肤"), (step.PostId, post.Text));
        Assert.Equal([DouyinConnector.PartsStage, DouyinConnector.PartsStage, DouyinConnector.VideoStage], log.Saves.Select(s => s.Handle!.Stage));
        Assert.Equal(0, log.Saves[0].UploadedSoFar);
        Assert.Equal((0L, VideoBytes), (log.Saves[2].CreatesSoFar, log.Saves[2].UploadedSoFar)); // video id stored before create_video
        Assert.Equal(3, Fake.Counters["part"]);
    }

    [Fact]
    public async Task An_interrupted_part_upload_is_sent_again_under_the_same_upload_id()
    {
        var credentials = _rig.Connect(OAuth, "open-1");
        var log = new HandleLog(Fake);
        Fake.Faults.Once("part", new Fault(FaultKind.Interrupt, AfterBytes: MiB));

        var broken = await Run(credentials, log, transientRetries: 0);
        var resumed = await Run(credentials, log, from: log.Latest);

        Assert.Equal(FailureKind.Transient, broken.Failure!.Kind);
        Assert.Equal(PublishStepKind.Published, resumed.Kind);
        Assert.Equal((1L, 1L), (Fake.Counters["init"], Fake.Counters.Creates));
    }

    [Fact]
    public async Task A_lost_complete_answer_is_completed_again_and_the_video_created_once()
    {
        var credentials = _rig.Connect(OAuth, "open-1");
        Fake.Faults.Once("complete", FaultKind.DropAnswer);

        var step = await Run(credentials, new HandleLog(Fake));

        Assert.Equal(PublishStepKind.Published, step.Kind);
        Assert.Equal((2L, 3L, 1L), (Fake.Counters["complete"], Fake.Counters["part"], Fake.Counters.Creates));
    }

    [Fact]
    public async Task A_lost_create_video_answer_is_unconfirmed_and_never_repeated()
    {
        // Guard: DouyinConnector.CreateAsync answers PublishStep.Lost when create_video may have reached Douyin; as a
        // transient failure the driver would call create_video again and Douyin would hold two posts.
        var credentials = _rig.Connect(OAuth, "open-1");
        Fake.Faults.Once("create_video", FaultKind.DropAnswer);

        var step = await Run(credentials, new HandleLog(Fake));

        Assert.Equal(PublishStepKind.Unconfirmed, step.Kind);
        Assert.Equal(DouyinConnector.VideoStage, step.Handle!.Stage);
        Assert.Equal((1L, 1L), (Fake.Counters["create_video"], Fake.Counters.Creates));
    }

    [Fact]
    public async Task A_token_that_expires_mid_publish_is_refreshed_and_the_refresh_token_kept()
    {
        var credentials = _rig.Connect(OAuth, "open-1");
        Fake.Faults.Once("complete", FaultKind.TokenExpired);

        var step = await Run(credentials, new HandleLog(Fake));

        Assert.Equal(PublishStepKind.Published, step.Kind);
        Assert.Equal(1, Fake.Counters.Refreshes);
        Assert.Equal(credentials.History[0].RefreshToken, credentials.Tokens.RefreshToken);
        Assert.Equal(1, Fake.Counters.Creates);
    }

    [Fact]
    public async Task A_refresh_token_near_its_end_is_renewed_five_times_at_most()
    {
        Fake.Accounts.RefreshLifetime = TimeSpan.FromDays(2); // inside RenewRefreshWithin (5 days)
        var credentials = _rig.Connect(OAuth, "open-1");
        var tokens = new List<string?>();

        for (var i = 0; i < 7; i++)
        {
            var refreshed = await credentials.RefreshAsync(PlatformCredential.From(credentials.Tokens), default);
            Assert.True(refreshed.Ok);
            tokens.Add(credentials.Tokens.RefreshToken);
        }

        Assert.Equal(5, Fake.Counters["renew"]);
        Assert.Equal(5, tokens.Distinct().Count()); // renewed five times, then the fifth is kept
        Assert.Equal(tokens[4], tokens[6]);
        Assert.DoesNotContain(credentials.History[0].RefreshToken, tokens);
    }

    [Fact]
    public async Task An_expired_refresh_token_asks_for_reauthorization_with_Douyins_code()
    {
        var credentials = _rig.Connect(OAuth, "open-1");
        Fake.Faults.RefuseRefresh = true;
        Fake.Faults.Once("init", FaultKind.TokenExpired);

        var step = await Run(credentials, new HandleLog(Fake));

        Assert.Equal((FailureKind.RefreshRefused, "10010"), (step.Failure!.Kind, step.Failure.Code));
    }

    [Fact]
    public async Task A_429_is_a_rate_limit_and_a_refused_create_keeps_Douyins_code()
    {
        var credentials = _rig.Connect(OAuth, "open-1");
        Fake.Faults.Once("init", new Fault(FaultKind.RateLimited, RetryAfterSeconds: 20));
        var limited = await Run(credentials, new HandleLog(Fake));

        Fake.Faults.FailProcessing = "2190015";
        var refused = await Run(credentials, new HandleLog(Fake));

        Assert.Equal((FailureKind.RateLimited, TimeSpan.FromSeconds(20)), (limited.Failure!.Kind, limited.Failure.RetryAfter));
        Assert.Equal((PublishStepKind.Failed, FailureKind.Refused, "2190015"), (refused.Kind, refused.Failure!.Kind, refused.Failure.Code));
        Assert.Equal(0, Fake.Counters.Creates);
    }

    [Fact]
    public async Task Video_data_grows_with_time_and_the_latest_fan_total_is_read()
    {
        var credentials = _rig.Connect(OAuth, "open-1");
        Fake.Accounts.User("open-1").Followers = 120_000;
        var step = await Run(credentials, new HandleLog(Fake));
        var credential = PlatformCredential.From(credentials.Tokens);
        _rig.FakeClock.Advance(TimeSpan.FromMinutes(1));

        var metrics = Assert.Single((await Connector.MetricsAsync([step.PostId!], credential, default)).Value!);
        var followers = await Connector.FollowersAsync(credential, default);

        Assert.Equal((600L, 60L, 6L, 12L), (metrics.Views, metrics.Likes, metrics.Comments, metrics.Shares));
        Assert.Equal(120_000, followers.Value);
    }

    [Fact]
    public async Task The_authorize_url_and_the_code_exchange_follow_Douyins_oauth()
    {
        var query = OAuthFlow.Query(OAuth.AuthorizeUrl("st", OAuthFlow.Callback, null));
        Fake.Accounts.NextConsentingUser = "open-9";

        var tokens = await OAuthFlow.ConnectAsync(OAuth, "s1");

        Assert.Equal(Fake.Accounts.ClientKey, query["client_key"]);
        Assert.Equal("user_info,video.create.bind,video.data.bind,data.external.user", query["scope"]);
        Assert.Equal((OAuthFlow.Callback.AbsoluteUri, "code", "st"), (query["redirect_uri"], query["response_type"], query["state"]));
        Assert.Equal("open-9", tokens.Value!.UserId);
        Assert.InRange(tokens.Value.AccessExpiresAt!.Value, DateTimeOffset.UtcNow.AddDays(14.9), DateTimeOffset.UtcNow.AddDays(15.1));
        Assert.InRange(tokens.Value.RefreshExpiresAt!.Value, DateTimeOffset.UtcNow.AddDays(29.9), DateTimeOffset.UtcNow.AddDays(30.1));
    }
}
