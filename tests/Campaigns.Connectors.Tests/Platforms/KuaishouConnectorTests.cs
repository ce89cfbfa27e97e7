using Campaigns.Connectors.Platforms;
using Campaigns.Connectors.Platforms.Kuaishou;
using Campaigns.PlatformFakes;
using Campaigns.PlatformFakes.Kuaishou;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Connectors.Tests.Platforms;

public sealed class KuaishouConnectorTests : IAsyncLifetime
{
    private const long MiB = 1024 * 1024;
    private const long VideoBytes = 3 * MiB + 3; // four fragments of 1 MiB, the last one of 3 bytes

    private PlatformRig<KuaishouFake> _rig = null!;

    private KuaishouFake Fake => _rig.Fake;
    private KuaishouConnector Connector => _rig.Services.GetRequiredService<KuaishouConnector>();
    private KuaishouOAuth OAuth => _rig.Services.GetRequiredService<KuaishouOAuth>();

    public async Task InitializeAsync() =>
        _rig = await PlatformRig<KuaishouFake>.StartAsync("Kuaishou", clock => new KuaishouFake(clock),
            new Dictionary<string, string?> { ["FragmentBytes"] = MiB.ToString(), ["UploadScheme"] = "http" });

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private PlatformPost Post(int duration = 60, Uri? cover = null) =>
        new("psh_ks", _rig.Media.Video(VideoBytes), null, "快手好物", ["#好物推荐"], duration, cover);

    private Task<PublishStep> Run(TestCredentials credentials, HandleLog log, PublishHandle? from = null, int transientRetries = 2, PlatformPost? post = null) =>
        PlatformRig<KuaishouFake>.Driver(transientRetries).RunAsync(Connector, post ?? Post(), from, credentials, log.Save, null, default);

    [Fact]
    public async Task A_video_goes_up_in_fragments_and_is_published_once_with_the_upload_token_stored_first()
    {
        var credentials = _rig.Connect(OAuth, "ks-1");
        var log = new HandleLog(Fake);

        var step = await Run(credentials, log, post: Post(cover: _rig.Media.Video(2048)));

        Assert.Equal(PublishStepKind.Published, step.Kind);
        var post = Assert.Single(Fake.Posts.All);
        Assert.Equal((post.Id, "快手好物 #好物推荐", VideoBytes), (step.PostId, post.Text, post.Size));
        Assert.Equal([KuaishouConnector.FragmentsStage, KuaishouConnector.UploadedStage], log.Saves.Select(s => s.Handle!.Stage));
        Assert.Equal((0L, 0L), (log.Saves[0].CreatesSoFar, log.Saves[0].UploadedSoFar));
        Assert.Equal(4, Fake.Counters["fragment"]);
    }

    [Fact]
    public async Task An_interrupted_upload_resumes_at_the_fragment_resume_names()
    {
        var credentials = _rig.Connect(OAuth, "ks-1");
        var log = new HandleLog(Fake);
        Fake.Faults.Once("fragment", FaultKind.None).Once("fragment", new Fault(FaultKind.Interrupt, AfterBytes: 1000));

        var broken = await Run(credentials, log, transientRetries: 0);
        var resumed = await Run(credentials, log, from: log.Latest);

        Assert.Equal(FailureKind.Transient, broken.Failure!.Kind);
        Assert.Equal(PublishStepKind.Published, resumed.Kind);
        Assert.Equal((1L, 1L, VideoBytes), (Fake.Counters["start_upload"], Fake.Counters.Creates, Fake.Counters.UploadedBytes));
        Assert.Equal(5, Fake.Counters["fragment"]); // fragment 0 once, fragment 1 broken then sent, 2 and 3
    }

    [Fact]
    public async Task A_lost_complete_answer_is_completed_again_from_the_resume_point()
    {
        var credentials = _rig.Connect(OAuth, "ks-1");
        Fake.Faults.Once("complete", FaultKind.DropAnswer);

        var step = await Run(credentials, new HandleLog(Fake));

        Assert.Equal(PublishStepKind.Published, step.Kind);
        Assert.Equal((2L, 4L, 1L), (Fake.Counters["complete"], Fake.Counters["fragment"], Fake.Counters.Creates));
    }

    [Fact]
    public async Task A_lost_publish_answer_is_unconfirmed_and_never_repeated()
    {
        // Guard: KuaishouConnector.PublishAsync answers PublishStep.Lost when photo/publish may have reached Kuaishou.
        var credentials = _rig.Connect(OAuth, "ks-1");
        Fake.Faults.Once("publish", FaultKind.DropAnswer);

        var step = await Run(credentials, new HandleLog(Fake));

        Assert.Equal(PublishStepKind.Unconfirmed, step.Kind);
        Assert.Equal((1L, 1L), (Fake.Counters["publish"], Fake.Counters.Creates));
    }

    [Fact]
    public async Task A_token_that_expires_mid_publish_is_refreshed_rotating_the_refresh_token()
    {
        var credentials = _rig.Connect(OAuth, "ks-1");
        Fake.Faults.Once("publish", FaultKind.TokenExpired);

        var step = await Run(credentials, new HandleLog(Fake));
        var replay = await OAuth.RefreshAsync(credentials.History[0], default);

        Assert.Equal(PublishStepKind.Published, step.Kind);
        Assert.Equal(1, Fake.Counters.Refreshes);
        Assert.NotEqual(credentials.History[0].RefreshToken, credentials.Tokens.RefreshToken);
        Assert.Equal((FailureKind.RefreshRefused, "100200113"), (replay.Failure!.Kind, replay.Failure.Code));
        Assert.Equal(1, Fake.Counters.Creates);
    }

    [Fact]
    public async Task Rate_limits_and_refusals_keep_Kuaishous_codes()
    {
        var credentials = _rig.Connect(OAuth, "ks-1");
        Fake.Faults.Once("start_upload", new Fault(FaultKind.RateLimited, RetryAfterSeconds: 12));
        var limited = await Run(credentials, new HandleLog(Fake));

        Fake.Faults.FailProcessing = "120003";
        var refused = await Run(credentials, new HandleLog(Fake));

        Assert.Equal((FailureKind.RateLimited, "400002", TimeSpan.FromSeconds(12)), (limited.Failure!.Kind, limited.Failure.Code, limited.Failure.RetryAfter));
        Assert.Equal((PublishStepKind.Failed, FailureKind.Refused, "120003"), (refused.Kind, refused.Failure!.Kind, refused.Failure.Code));
        Assert.Equal(0, Fake.Counters.Creates);
    }

    [Fact]
    public async Task Counts_grow_with_time_and_fans_are_read()
    {
        var credentials = _rig.Connect(OAuth, "ks-1");
        Fake.Accounts.User("ks-1").Followers = 777;
        var step = await Run(credentials, new HandleLog(Fake));
        var credential = PlatformCredential.From(credentials.Tokens);
        _rig.FakeClock.Advance(TimeSpan.FromMinutes(4));

        var metrics = Assert.Single((await Connector.MetricsAsync([step.PostId!], credential, default)).Value!);
        var followers = await Connector.FollowersAsync(credential, default);

        Assert.Equal((2400L, 240L, 24L), (metrics.Views, metrics.Likes, metrics.Comments));
        Assert.Equal(777, followers.Value);
    }

    [Fact]
    public async Task The_authorize_url_and_the_code_exchange_follow_Kuaishous_oauth()
    {
        var query = OAuthFlow.Query(OAuth.AuthorizeUrl("st", OAuthFlow.Callback, null));
        Fake.Accounts.NextConsentingUser = "ks-5";

        var tokens = await OAuthFlow.ConnectAsync(OAuth, "s1");

        Assert.Equal(Fake.Accounts.ClientKey, query["app_id"]);
        Assert.Equal("user_info,user_video_publish,user_video_info", query["scope"]);
        Assert.Equal((OAuthFlow.Callback.AbsoluteUri, "code", "st"), (query["redirect_uri"], query["response_type"], query["state"]));
        Assert.Equal("ks-5", tokens.Value!.UserId);
        Assert.InRange(tokens.Value.AccessExpiresAt!.Value, DateTimeOffset.UtcNow.AddHours(47.9), DateTimeOffset.UtcNow.AddHours(48.1));
        Assert.Contains("user_video_publish", tokens.Value.Scopes);
    }
}
