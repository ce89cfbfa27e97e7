using Campaigns.Connectors.Platforms;
using Campaigns.Connectors.Platforms.TikTok;
using Campaigns.PlatformFakes;
using Campaigns.PlatformFakes.TikTok;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Connectors.Tests.Platforms;

public sealed class TikTokConnectorTests : IAsyncLifetime
{
    private const long MiB = 1024 * 1024;
    private const long VideoBytes = 12 * MiB + 123; // two chunks of 5 MiB: the second takes the remainder

    private PlatformRig<TikTokFake> _rig = null!;

    private TikTokFake Fake => _rig.Fake;
    private TikTokConnector Connector => _rig.Services.GetRequiredService<TikTokConnector>();
    private TikTokOAuth OAuth => _rig.Services.GetRequiredService<TikTokOAuth>();

    public async Task InitializeAsync() =>
        _rig = await PlatformRig<TikTokFake>.StartAsync("TikTok", clock => new TikTokFake(clock), new Dictionary<string, string?> { ["ChunkBytes"] = (5 * MiB).ToString() });

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private PlatformPost Post(long bytes = VideoBytes, int duration = 30, string? query = null) =>
        new("psh_1", _rig.Media.Video(bytes, query), "Serum", "Summer glow", ["#skincare"], duration);

    [Fact]
    public async Task A_video_is_streamed_in_chunks_and_published_once_with_the_handle_stored_before_any_byte()
    {
        // Guard: PublishDriver.RunAsync saves a changed handle before the next step (await save(...)); without it the
        // log holds no handle taken before the upload.
        var credentials = _rig.Connect(OAuth, "creator-1");
        var log = new HandleLog(Fake);

        var step = await PlatformRig<TikTokFake>.Driver().RunAsync(Connector, Post(), null, credentials, log.Save, null, default);

        Assert.Equal(PublishStepKind.Published, step.Kind);
        var post = Assert.Single(Fake.Posts.All);
        Assert.Equal(post.Id, step.PostId);
        Assert.Equal("Summer glow #skincare", post.Text);
        var first = log.Saves[0];
        Assert.Equal(TikTokConnector.UploadStage, first.Handle!.Stage);
        Assert.Equal((0L, 0L), (first.CreatesSoFar, first.UploadedSoFar));
        Assert.Equal(1, Fake.Counters.CreatesFor(first.Handle.Id));
        Assert.Equal(VideoBytes, Fake.Counters.UploadedBytes);
        Assert.Equal(2, Fake.Publish(first.Handle.Id)!.ChunksReceived);
    }

    [Fact]
    public async Task An_interrupted_upload_resumes_from_the_stored_handle_where_TikTok_says_it_stopped()
    {
        var credentials = _rig.Connect(OAuth, "creator-1");
        var log = new HandleLog(Fake);
        Fake.Faults.Once("upload", FaultKind.DropAnswer); // chunk 1 arrives, its answer is lost
        Fake.Faults.Once("upload", new Fault(FaultKind.Interrupt, AfterBytes: 3 * MiB)); // chunk 2 breaks off

        var broken = await PlatformRig<TikTokFake>.Driver(transientRetries: 0).RunAsync(Connector, Post(), null, credentials, log.Save, null, default);
        Assert.Equal(PublishStepKind.Failed, broken.Kind);
        Assert.Equal(FailureKind.Transient, broken.Failure!.Kind);
        Assert.NotNull(log.Latest);

        // A later attempt (after a restart) starts from what was stored, not from the beginning.
        var resumed = await PlatformRig<TikTokFake>.Driver().RunAsync(Connector, Post(), log.Latest, credentials, log.Save, null, default);

        Assert.Equal(PublishStepKind.Published, resumed.Kind);
        Assert.Equal(1, Fake.Counters.Creates);
        Assert.Equal(1, Fake.Counters["init"]);
        Assert.Equal(VideoBytes, Fake.Counters.UploadedBytes); // chunk 1 was not sent twice
    }

    [Fact]
    public async Task A_lost_answer_to_the_last_chunk_is_settled_by_status_without_a_second_post()
    {
        // Guard: TikTokConnector.UploadAsync keeps the handle on a chunk that got no answer
        // (PublishStep.Fail(handle, ...)); with Fail(null, ...) the driver begins again and TikTok gets a second post.
        var credentials = _rig.Connect(OAuth, "creator-1");
        var log = new HandleLog(Fake);
        Fake.Faults.Once("upload", FaultKind.DropAnswer);

        var step = await PlatformRig<TikTokFake>.Driver().RunAsync(Connector, Post(4 * MiB), null, credentials, log.Save, null, default);

        Assert.Equal(PublishStepKind.Published, step.Kind);
        Assert.Equal(1, Fake.Counters.Creates);
        Assert.Equal(1, Fake.Counters["init"]);
    }

    [Fact]
    public async Task Media_on_a_verified_prefix_is_pulled_by_TikTok_and_a_lost_pull_init_is_unconfirmed_never_repeated()
    {
        // Guard: TikTokConnector.BeginPullAsync answers PublishStep.Lost when the init may have reached TikTok; as a
        // transient failure the driver would init again and TikTok would hold a second post.
        await using var rig = await PlatformRig<TikTokFake>.StartAsync("TikTok", c => new TikTokFake(c), late: (fake, media) =>
        {
            fake.VerifiedPrefixes.Add(media.BaseUrl.AbsoluteUri);
            return new Dictionary<string, string?> { ["PullFromUrlPrefixes:0"] = media.BaseUrl.AbsoluteUri };
        });
        var connector = rig.Services.GetRequiredService<TikTokConnector>();
        var credentials = rig.Connect(rig.Services.GetRequiredService<TikTokOAuth>(), "creator-1");
        var post = new PlatformPost("psh_2", rig.Media.Video(VideoBytes), null, "Pulled", [], 20);

        var pulled = await PlatformRig<TikTokFake>.Driver().RunAsync(connector, post, null, credentials, new HandleLog(rig.Fake).Save, null, default);
        Assert.Equal(PublishStepKind.Published, pulled.Kind);
        Assert.Equal(0, rig.Fake.Counters.UploadedBytes);

        rig.Fake.Faults.Once("init", FaultKind.DropAnswer);
        var lost = await PlatformRig<TikTokFake>.Driver().RunAsync(connector, post, null, credentials, new HandleLog(rig.Fake).Save, null, default);

        Assert.Equal(PublishStepKind.Unconfirmed, lost.Kind);
        Assert.Equal(2, rig.Fake.Counters.Creates); // the lost init did create a post, and nothing tried again
        Assert.Equal(2, rig.Fake.Counters["init-ok"]);
    }

    [Fact]
    public async Task A_token_that_expires_mid_publish_is_refreshed_once_rotating_the_refresh_token_and_the_publish_goes_on()
    {
        var credentials = _rig.Connect(OAuth, "creator-1");
        var log = new HandleLog(Fake);
        Fake.Faults.Once("status", FaultKind.TokenExpired);

        var step = await PlatformRig<TikTokFake>.Driver().RunAsync(Connector, Post(), null, credentials, log.Save, null, default);

        Assert.Equal(PublishStepKind.Published, step.Kind);
        Assert.Equal(1, Fake.Counters.Refreshes);
        Assert.Equal(2, credentials.History.Count);
        Assert.NotEqual(credentials.History[0].RefreshToken, credentials.History[1].RefreshToken);
        Assert.Equal(1, Fake.Counters.Creates);
        Assert.Single(log.Saves); // the same handle carried on after the refresh
    }

    [Fact]
    public async Task A_rotated_away_refresh_token_is_refused_and_the_newest_one_works()
    {
        var credentials = _rig.Connect(OAuth, "creator-1");
        var original = credentials.Tokens;

        var first = await OAuth.RefreshAsync(original, default);
        var replay = await OAuth.RefreshAsync(original, default);
        var next = await OAuth.RefreshAsync(first.Value!, default);

        Assert.True(first.Ok);
        Assert.NotEqual(original.RefreshToken, first.Value!.RefreshToken);
        Assert.Equal(FailureKind.RefreshRefused, replay.Failure!.Kind);
        Assert.Equal("invalid_grant", replay.Failure.Code);
        Assert.True(next.Ok);
        Assert.True(next.Value!.AccessExpiresAt > DateTimeOffset.UtcNow.AddHours(1.9));
        Assert.True(next.Value.RefreshExpiresAt > DateTimeOffset.UtcNow.AddDays(179));
    }

    [Fact]
    public async Task A_refused_refresh_stops_the_publish_for_reauthorization_keeping_the_handle()
    {
        var credentials = _rig.Connect(OAuth, "creator-1");
        var log = new HandleLog(Fake);
        Fake.Faults.RefuseRefresh = true;
        Fake.Faults.Once("status", FaultKind.TokenExpired);

        var step = await PlatformRig<TikTokFake>.Driver().RunAsync(Connector, Post(), null, credentials, log.Save, null, default);

        Assert.Equal(PublishStepKind.Failed, step.Kind);
        Assert.Equal(FailureKind.RefreshRefused, step.Failure!.Kind);
        Assert.NotNull(step.Handle);
        Assert.Equal(0, Fake.Counters.Creates);
    }

    [Fact]
    public async Task A_429_is_handed_back_with_TikToks_Retry_After_and_nothing_created()
    {
        var credentials = _rig.Connect(OAuth, "creator-1");
        Fake.Faults.Once("init", new Fault(FaultKind.RateLimited, RetryAfterSeconds: 42));

        var step = await PlatformRig<TikTokFake>.Driver().RunAsync(Connector, Post(), null, credentials, new HandleLog(Fake).Save, null, default);

        Assert.Equal(PublishStepKind.Failed, step.Kind);
        Assert.Equal(FailureKind.RateLimited, step.Failure!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(42), step.Failure.RetryAfter);
        Assert.Null(step.Handle);
        Assert.Equal(0, Fake.Counters.Creates);
    }

    [Theory]
    [InlineData("spam_risk_too_many_posts")]
    [InlineData("unaudited_client_can_only_post_to_private_accounts")]
    [InlineData("scope_not_authorized")]
    public async Task A_permanent_refusal_fails_with_TikToks_code(string code)
    {
        var credentials = _rig.Connect(OAuth, "creator-1");
        Fake.Faults.Once("init", new Fault(FaultKind.Refuse, Code: code));

        var step = await PlatformRig<TikTokFake>.Driver().RunAsync(Connector, Post(), null, credentials, new HandleLog(Fake).Save, null, default);

        Assert.Equal((PublishStepKind.Failed, FailureKind.Refused, code), (step.Kind, step.Failure!.Kind, step.Failure.Code));
        Assert.True(step.IsFinal);
    }

    [Fact]
    public async Task A_privacy_level_the_account_does_not_offer_is_refused_before_init()
    {
        var credentials = _rig.Connect(OAuth, "private-creator");
        Fake.Accounts.User("private-creator").PrivacyLevels = ["SELF_ONLY"];

        var step = await Connector.BeginAsync(Post(), PlatformCredential.From(credentials.Tokens), default);

        Assert.Equal("privacy_level_option_mismatch", step.Failure!.Code);
        Assert.Equal(0, Fake.Counters["init"]);
    }

    [Fact]
    public async Task A_video_longer_than_TikTok_takes_is_refused_before_any_call()
    {
        var credentials = _rig.Connect(OAuth, "creator-1");

        var step = await Connector.BeginAsync(Post(duration: 601), PlatformCredential.From(credentials.Tokens), default);

        Assert.Equal((FailureKind.Refused, "duration_check_failed"), (step.Failure!.Kind, step.Failure.Code));
        Assert.Equal(0, Fake.Counters["creator_info"]);
    }

    [Fact]
    public async Task Processing_that_fails_ends_the_publish_with_TikToks_reason_and_no_post()
    {
        var credentials = _rig.Connect(OAuth, "creator-1");
        Fake.Faults.FailProcessing = "file_format_check_failed";

        var step = await PlatformRig<TikTokFake>.Driver().RunAsync(Connector, Post(), null, credentials, new HandleLog(Fake).Save, null, default);

        Assert.Equal((PublishStepKind.Failed, FailureKind.Refused, "file_format_check_failed"), (step.Kind, step.Failure!.Kind, step.Failure.Code));
        Assert.Equal(0, Fake.Counters.Creates);
    }

    [Fact]
    public async Task Metrics_of_published_posts_grow_with_time_and_followers_are_read()
    {
        var credentials = _rig.Connect(OAuth, "creator-1");
        Fake.Accounts.User("creator-1").Followers = 4321;
        var step = await PlatformRig<TikTokFake>.Driver().RunAsync(Connector, Post(4 * MiB), null, credentials, new HandleLog(Fake).Save, null, default);
        var credential = PlatformCredential.From(credentials.Tokens);

        var before = await Connector.MetricsAsync([step.PostId!], credential, default);
        _rig.FakeClock.Advance(TimeSpan.FromMinutes(10));
        var after = await Connector.MetricsAsync([step.PostId!], credential, default);
        var followers = await Connector.FollowersAsync(credential, default);

        Assert.Equal(0, Assert.Single(before.Value!).Views);
        var metrics = Assert.Single(after.Value!);
        Assert.Equal((step.PostId, 6000L, 600L, 60L, 120L), (metrics.PostId, metrics.Views, metrics.Likes, metrics.Comments, metrics.Shares));
        Assert.Equal(4321, followers.Value);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            Connector.MetricsAsync(Enumerable.Range(0, 21).Select(i => i.ToString()).ToArray(), credential, default));
    }

    [Fact]
    public async Task A_media_server_that_ignores_Range_still_resumes_at_the_right_byte()
    {
        var credentials = _rig.Connect(OAuth, "creator-1");
        var log = new HandleLog(Fake);
        Fake.Faults.Once("upload", new Fault(FaultKind.Interrupt, AfterBytes: MiB)); // chunk 1 breaks off
        var post = Post(query: "ignoreRange=1");

        var step = await PlatformRig<TikTokFake>.Driver().RunAsync(Connector, post, null, credentials, log.Save, null, default);

        // The fake checks every byte against its offset, so a wrong resume point would be refused as invalid_file_upload.
        Assert.Equal(PublishStepKind.Published, step.Kind);
        Assert.Equal(VideoBytes, Fake.Counters.UploadedBytes);
    }

    [Fact]
    public async Task Media_without_a_size_is_refused_before_TikTok_is_told_anything()
    {
        var credentials = _rig.Connect(OAuth, "creator-1");

        var step = await Connector.BeginAsync(Post(query: "noLength=1"), PlatformCredential.From(credentials.Tokens), default);

        Assert.Equal((FailureKind.Refused, "media_size_unknown"), (step.Failure!.Kind, step.Failure.Code));
        Assert.Equal(0, Fake.Counters["init"]);
    }

    [Fact]
    public async Task Calls_to_private_addresses_are_refused_by_the_outbound_guard_before_anything_is_sent()
    {
        // Guard: PlatformHttp.Primary attaches AddOutboundSafety to every platform and media client; without it the
        // fake on loopback answers and the publish goes through.
        await using var rig = await PlatformRig<TikTokFake>.StartAsync("TikTok", c => new TikTokFake(c),
            new Dictionary<string, string?> { ["Campaigns:Outbound:AllowPrivateAddresses"] = "false" });
        var connector = rig.Services.GetRequiredService<TikTokConnector>();
        var credentials = rig.Connect(rig.Services.GetRequiredService<TikTokOAuth>(), "creator-1");

        var step = await connector.BeginAsync(Post(), PlatformCredential.From(credentials.Tokens), default);
        var media = await rig.Services.GetRequiredService<MediaSource>().SizeAsync(rig.Media.Video(1000), default);

        Assert.Equal((FailureKind.Refused, "outbound_refused"), (step.Failure!.Kind, step.Failure.Code));
        Assert.Equal((FailureKind.Refused, "media_url_refused"), (media.Failure!.Kind, media.Failure.Code));
        Assert.Equal(0, rig.Fake.Counters["creator_info"]);
        Assert.Equal(0, rig.Media.Counters["requests"]);
    }
}
