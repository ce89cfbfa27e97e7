using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Host.Tests.Support;
using Campaigns.PlatformFakes;
using Campaigns.Testing;
using Xunit.Abstractions;

namespace Campaigns.Host.Tests.Publishing;

/// <summary>
/// A real host process publishing to a platform fake is killed with SIGKILL mid-publish; started again on the same
/// SQLite file, it resumes from the handle stored on the push and records the post — and the platform counts exactly
/// one create. TikTok is killed while it processes a finished upload; YouTube while the upload itself is half sent.
/// </summary>
public sealed class PlatformPublishCrashTests(ITestOutputHelper output)
{
    // Fails without PlatformPublisher.PublishAsync's "var stored = Parse(await ... pushHandles.HandleAsync(...))"
    // (checked): the restarted host begins again and uploads again — a new publish_id, a second create, and each
    // postponed retry (its status quota spent on "processing") yet another — so the push is never published in time.
    [Fact]
    public async Task A_host_killed_while_its_upload_is_processing_publishes_it_once_after_the_restart()
    {
        await using var fakes = new PlatformFakeSet();
        await using var media = new MediaServer();
        var settings = await StartAsync(fakes, media);
        settings["Campaigns:Platforms:TikTok:StatusPollInterval"] = "00:00:00.200";
        var tiktok = fakes.TikTok;
        tiktok.Accounts.NextConsentingUser = "crash-user";
        // The post exists from the last chunk on; TikTok says "processing" for a while after: the kill lands then.
        tiktok.Faults.ProcessingTime = TimeSpan.FromSeconds(8);

        using var data = new TempSqliteDatabase();
        var adminKey = "adm_test_" + Guid.NewGuid().ToString("N");
        var (apiKey, pushId) = await LaunchThenKillAsync(data.Directory, adminKey, settings, "tiktok", fakes, media.Video(1_000_000),
            () => tiktok.Counters.Creates >= 1);

        var push = await PublishedAfterRestartAsync(data.Directory, adminKey, settings, apiKey, pushId);
        Assert.Equal(1, tiktok.Counters.Creates);
        Assert.Equal(Assert.Single(tiktok.Posts.Of("crash-user")).Id, push["platformPostId"]!.GetValue<string>());
    }

    // Fails without PlatformPublisher.PublishAsync's "var stored = Parse(await ... pushHandles.HandleAsync(...))"
    // (checked): the restarted host opens a second session and sends the whole video again (two sessions, more bytes
    // than the video). The first session never completes, so YouTube still holds one video: the resume is the guarantee.
    // Also fails (checked) when YouTubeConnector.ContinueAsync uploads from 0 instead of the probe's "offset": the fake
    // refuses a chunk that does not continue where the session stands, and the push is never published.
    [Fact]
    public async Task A_host_killed_in_the_middle_of_a_YouTube_upload_resumes_the_session_after_the_restart()
    {
        const long Chunk = 256 * 1024;
        const long Size = 3_000_000; // twelve chunks, the last a short one
        await using var fakes = new PlatformFakeSet();
        await using var media = new MediaServer();
        var settings = await StartAsync(fakes, media);
        settings["Campaigns:Platforms:YouTube:ChunkBytes"] = Chunk.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var youtube = fakes.YouTube;
        youtube.Accounts.NextConsentingUser = "upload-crash-user";
        // Every answer waits, so the twelve chunks take seconds: the kill lands between the first chunk and the last.
        youtube.Latency = TimeSpan.FromMilliseconds(500);

        using var data = new TempSqliteDatabase();
        var adminKey = "adm_test_" + Guid.NewGuid().ToString("N");
        var (apiKey, pushId) = await LaunchThenKillAsync(data.Directory, adminKey, settings, "youtube", fakes, media.Video(Size),
            () => youtube.Counters.UploadedBytes >= Chunk);
        Assert.InRange(youtube.Counters.UploadedBytes, Chunk, Size - 1); // killed mid-upload: some bytes kept, no video yet
        Assert.Equal(0, youtube.Counters.Creates);
        output.WriteLine($"killed with {youtube.Counters.UploadedBytes} of {Size} bytes kept by YouTube");

        var push = await PublishedAfterRestartAsync(data.Directory, adminKey, settings, apiKey, pushId);
        Assert.Equal(1, youtube.Counters.Creates);
        Assert.Equal(Assert.Single(youtube.Posts.Of("upload-crash-user")).Id, push["platformPostId"]!.GetValue<string>());
        // Resumed, not restarted: the one session the first host opened, each byte of the video kept exactly once
        // (the fake refuses a chunk that does not continue where the session stands, and counts only kept bytes).
        Assert.Equal(1, youtube.Counters["session-ok"]);
        Assert.Equal(Size, youtube.Counters.UploadedBytes);
        Assert.True(youtube.Counters["probe"] >= 2, "the restarted host asked the session where it stands");
    }

    private static async Task<Dictionary<string, string>> StartAsync(PlatformFakeSet fakes, MediaServer media)
    {
        await fakes.StartAsync();
        await media.StartAsync();
        var settings = fakes.Settings();
        settings["Campaigns:PublicBaseUrl"] = PlatformHostFixture.PublicBaseUrl;
        settings["Campaigns:Scheduling:SweepSeconds"] = "1";
        // A lease far longer than the test: only the restart's own recovery can take the push back.
        settings["Campaigns:Scheduling:LeaseSeconds"] = "300";
        return settings;
    }

    /// <summary>Starts a host, launches one push on a connected account of <paramref name="type"/>, and SIGKILLs the host once <paramref name="midway"/> holds.</summary>
    private async Task<(string ApiKey, string PushId)> LaunchThenKillAsync(
        string directory, string adminKey, Dictionary<string, string> settings, string type, PlatformFakeSet fakes, Uri video, Func<bool> midway)
    {
        var first = await HostProcess.StartAsync(directory, adminKey, settings);
        try
        {
            var (_, apiKey) = await FiringCampaign.CreateAgencyAsync(first.Client(adminKey));
            var client = first.Client(apiKey);
            var account = await PublishFlow.Created(client, "/v1/accounts", PublishFlow.AccountBody(type, fakes.PlatformOf(type)));
            await ConnectAsync(first, client, account);
            var (_, pushId) = await PublishFlow.LaunchOnePushAsync(client, account, video);

            await Poll.Until(() => Task.FromResult(midway()), TimeSpan.FromSeconds(60));
            Assert.Equal("publishing", (await ApiClient.Json(await client.Get($"/v1/pushes/{pushId}")))["status"]!.GetValue<string>());
            await first.KillAsync();
            return (apiKey, pushId);
        }
        catch
        {
            output.WriteLine(first.Output);
            throw;
        }
        finally
        {
            await first.DisposeAsync();
        }
    }

    /// <summary>Starts a second host on the same SQLite directory and waits until the push is published; the push.</summary>
    private async Task<JsonNode> PublishedAfterRestartAsync(
        string directory, string adminKey, Dictionary<string, string> settings, string apiKey, string pushId)
    {
        await using var second = await HostProcess.StartAsync(directory, adminKey, settings);
        var resumed = second.Client(apiKey);
        JsonNode push = null!;
        try
        {
            await Poll.Until(async () => (push = await ApiClient.Json(await resumed.Get($"/v1/pushes/{pushId}")))["status"]!.GetValue<string>() == "published",
                TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException)
        {
            output.WriteLine(second.Output);
            throw;
        }
        return push;
    }

    private static async Task ConnectAsync(HostProcess host, ApiClient client, string accountId)
    {
        var start = await ApiClient.Json(await client.Post($"/v1/accounts/{accountId}/connect"));
        var redirect = await ConnectFlow.Consent(new Uri(start["authorizeUrl"]!.GetValue<string>()));
        var page = await host.Client(null).Get(redirect.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
