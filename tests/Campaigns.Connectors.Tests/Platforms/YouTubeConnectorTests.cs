using Campaigns.Connectors.Platforms;
using Campaigns.Connectors.Platforms.YouTube;
using Campaigns.PlatformFakes;
using Campaigns.PlatformFakes.YouTube;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Connectors.Tests.Platforms;

public sealed class YouTubeConnectorTests : IAsyncLifetime
{
    private const long MiB = 1024 * 1024;
    private const long VideoBytes = 3 * MiB + 777; // four requests of 1 MiB chunks, the last one short

    private PlatformRig<YouTubeFake> _rig = null!;

    private YouTubeFake Fake => _rig.Fake;
    private YouTubeConnector Connector => _rig.Services.GetRequiredService<YouTubeConnector>();
    private YouTubeOAuth OAuth => _rig.Services.GetRequiredService<YouTubeOAuth>();

    public async Task InitializeAsync() =>
        _rig = await PlatformRig<YouTubeFake>.StartAsync("YouTube", clock => new YouTubeFake(clock), new Dictionary<string, string?>
        {
            ["ChunkBytes"] = MiB.ToString(),
        }, late: (fake, _) => new Dictionary<string, string?> { ["TokenUrl"] = fake.Url("token").AbsoluteUri });

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private PlatformPost Post(long bytes = VideoBytes, int duration = 45) =>
        new("psh_yt", _rig.Media.Video(bytes), "Serum in 45 seconds", "Summer glow", ["#Shorts", "skincare"], duration);

    private Task<PublishStep> Run(TestCredentials credentials, HandleLog log, PublishHandle? from = null, int transientRetries = 2) =>
        PlatformRig<YouTubeFake>.Driver(transientRetries).RunAsync(Connector, Post(), from, credentials, log.Save, null, default);

    [Fact]
    public async Task A_video_goes_up_through_a_resumable_session_stored_before_any_byte()
    {
        var credentials = _rig.Connect(OAuth, "channel-1");
        var log = new HandleLog(Fake);

        var step = await Run(credentials, log);

        Assert.Equal(PublishStepKind.Published, step.Kind);
        var video = Assert.Single(Fake.Posts.All);
        Assert.Equal((video.Id, "Serum in 45 seconds"), (step.PostId, video.Text));
        Assert.Equal(YouTubeConnector.SessionStage, log.Saves[0].Handle!.Stage);
        Assert.Equal((0L, 0L), (log.Saves[0].CreatesSoFar, log.Saves[0].UploadedSoFar));
        Assert.Equal(VideoBytes, Fake.Counters.UploadedBytes);
        Assert.Equal(4, Fake.Counters["upload"]);
    }

    [Fact]
    public async Task An_interrupted_upload_resumes_where_the_probe_says_after_a_restart()
    {
        var credentials = _rig.Connect(OAuth, "channel-1");
        var log = new HandleLog(Fake);
        Fake.Faults.Once("upload", FaultKind.DropAnswer).Once("upload", new Fault(FaultKind.Interrupt, AfterBytes: 300_000));

        var broken = await Run(credentials, log, transientRetries: 0);
        var resumed = await Run(credentials, log, from: log.Latest);

        Assert.Equal((PublishStepKind.Failed, FailureKind.Transient), (broken.Kind, broken.Failure!.Kind));
        Assert.Equal(PublishStepKind.Published, resumed.Kind);
        Assert.Equal(1, Fake.Counters.Creates);
        Assert.Equal(1, Fake.Counters["session-ok"]);
        Assert.Equal(VideoBytes, Fake.Counters.UploadedBytes);
        Assert.True(Fake.Counters["probe"] >= 1);
    }

    [Fact]
    public async Task A_lost_answer_to_the_last_chunk_is_settled_by_the_probe_without_a_second_video()
    {
        // Guard: YouTubeConnector.UploadAsync keeps the session on a chunk without an answer; begun again instead,
        // YouTube would hold two videos.
        var credentials = _rig.Connect(OAuth, "channel-1");
        Fake.Faults.Once("upload", FaultKind.DropAnswer);

        var step = await PlatformRig<YouTubeFake>.Driver().RunAsync(Connector, Post(MiB / 2), null, credentials, new HandleLog(Fake).Save, null, default);

        Assert.Equal(PublishStepKind.Published, step.Kind);
        Assert.Equal(1, Fake.Counters.Creates);
        Assert.Equal(1, Fake.Counters["session-ok"]);
    }

    [Fact]
    public async Task A_session_that_is_gone_is_begun_again_because_no_video_exists_without_its_last_byte()
    {
        var credentials = _rig.Connect(OAuth, "channel-1");
        var log = new HandleLog(Fake);
        Fake.Faults.Once("upload", new Fault(FaultKind.Interrupt, AfterBytes: 1000));
        await Run(credentials, log, transientRetries: 0);
        Fake.ExpireSession(log.Latest!.Id);

        var step = await Run(credentials, log, from: log.Latest);

        Assert.Equal(PublishStepKind.Published, step.Kind);
        Assert.Equal(2, Fake.Counters["session-ok"]);
        Assert.Equal(1, Fake.Counters.Creates);
        Assert.Null(log.Saves[^2].Handle); // the dead session was cleared before the new one was stored
    }

    [Fact]
    public async Task A_token_that_expires_mid_upload_is_refreshed_and_Googles_refresh_token_is_kept()
    {
        var credentials = _rig.Connect(OAuth, "channel-1");
        Fake.Faults.Once("upload", FaultKind.TokenExpired);

        var step = await Run(credentials, new HandleLog(Fake));

        Assert.Equal(PublishStepKind.Published, step.Kind);
        Assert.Equal(1, Fake.Counters.Refreshes);
        Assert.Equal(credentials.History[0].RefreshToken, credentials.Tokens.RefreshToken);
        Assert.NotEqual(credentials.History[0].AccessToken, credentials.Tokens.AccessToken);
        Assert.Equal(1, Fake.Counters.Creates);
    }

    [Fact]
    public async Task A_revoked_refresh_token_asks_for_reauthorization()
    {
        var credentials = _rig.Connect(OAuth, "channel-1");
        Fake.Faults.RefuseRefresh = true;
        Fake.Faults.Once("session", FaultKind.TokenExpired);

        var step = await Run(credentials, new HandleLog(Fake));

        Assert.Equal((FailureKind.RefreshRefused, "invalid_grant"), (step.Failure!.Kind, step.Failure.Code));
    }

    [Theory]
    [InlineData("quotaExceeded", 0.0, 25.0)]
    [InlineData("uploadLimitExceeded", 24.0, 24.0)]
    public async Task Quota_refusals_are_rate_limits_until_YouTube_resets_them(string reason, double minHours, double maxHours)
    {
        var credentials = _rig.Connect(OAuth, "channel-1");
        Fake.Faults.Once("session", new Fault(FaultKind.Refuse, Code: reason));

        var step = await Run(credentials, new HandleLog(Fake));

        Assert.Equal((FailureKind.RateLimited, reason), (step.Failure!.Kind, step.Failure.Code));
        Assert.InRange(step.Failure.RetryAfter!.Value.TotalHours, minHours, maxHours);
        Assert.Equal(0, Fake.Counters.Creates);
    }

    [Fact]
    public async Task A_429_carries_YouTubes_Retry_After()
    {
        var credentials = _rig.Connect(OAuth, "channel-1");
        Fake.Faults.Once("session", new Fault(FaultKind.RateLimited, RetryAfterSeconds: 17));

        var step = await Run(credentials, new HandleLog(Fake));

        Assert.Equal((FailureKind.RateLimited, TimeSpan.FromSeconds(17)), (step.Failure!.Kind, step.Failure.RetryAfter));
    }

    [Fact]
    public async Task A_forbidden_upload_is_refused_with_YouTubes_reason()
    {
        var credentials = _rig.Connect(OAuth, "channel-1");
        Fake.Faults.Once("session", new Fault(FaultKind.Refuse, Code: "forbidden"));

        var step = await Run(credentials, new HandleLog(Fake));

        Assert.Equal((PublishStepKind.Failed, FailureKind.Refused, "forbidden"), (step.Kind, step.Failure!.Kind, step.Failure.Code));
    }

    [Fact]
    public async Task A_video_longer_than_a_Short_is_refused_before_YouTube_is_asked()
    {
        var credentials = _rig.Connect(OAuth, "channel-1");

        var step = await Connector.BeginAsync(Post(duration: 181), PlatformCredential.From(credentials.Tokens), default);

        Assert.Equal(FailureKind.Refused, step.Failure!.Kind);
        Assert.Equal(0, Fake.Counters["session"]);
    }

    [Fact]
    public async Task Statistics_grow_with_time_and_subscribers_are_read()
    {
        var credentials = _rig.Connect(OAuth, "channel-1");
        Fake.Accounts.User("channel-1").Followers = 98765;
        var step = await Run(credentials, new HandleLog(Fake));
        var credential = PlatformCredential.From(credentials.Tokens);
        _rig.FakeClock.Advance(TimeSpan.FromMinutes(5));

        var metrics = Assert.Single((await Connector.MetricsAsync([step.PostId!, "not-mine"], credential, default)).Value!);
        var followers = await Connector.FollowersAsync(credential, default);

        Assert.Equal((step.PostId, 3000L, 300L, 30L, 0L), (metrics.PostId, metrics.Views, metrics.Likes, metrics.Comments, metrics.Shares));
        Assert.Equal(98765, followers.Value);
    }

    [Fact]
    public void The_authorize_url_asks_for_offline_access_with_a_PKCE_challenge()
    {
        var pkce = Pkce.Create();
        var query = OAuthFlow.Query(OAuth.AuthorizeUrl("st", OAuthFlow.Callback, pkce));

        Assert.Equal(_rig.Fake.Accounts.ClientKey, query["client_id"]);
        Assert.Equal("https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.readonly", query["scope"]);
        Assert.Equal((OAuthFlow.Callback.AbsoluteUri, "st", "code"), (query["redirect_uri"], query["state"], query["response_type"]));
        Assert.Equal(("offline", "consent"), (query["access_type"], query["prompt"]));
        Assert.Equal((Pkce.ChallengeOf(pkce.Verifier), "S256"), (query["code_challenge"], query["code_challenge_method"]));
        Assert.Equal(43, pkce.Verifier.Length);
    }

    [Fact]
    public async Task The_code_is_exchanged_only_with_the_verifier_of_its_challenge()
    {
        var connected = await OAuthFlow.ConnectAsync(OAuth, "s1");
        var pkce = Pkce.Create();
        var back = await OAuthFlow.ConsentAsync(OAuth.AuthorizeUrl("s2", OAuthFlow.Callback, pkce));
        var forged = await OAuth.ExchangeCodeAsync(back["code"], OAuthFlow.Callback, Pkce.Create().Verifier, default);

        Assert.True(connected.Ok);
        Assert.NotNull(connected.Value!.RefreshToken);
        Assert.InRange(connected.Value.AccessExpiresAt!.Value, DateTimeOffset.UtcNow.AddMinutes(59), DateTimeOffset.UtcNow.AddMinutes(61));
        Assert.Equal(FailureKind.RefreshRefused, forged.Failure!.Kind);
    }
}
