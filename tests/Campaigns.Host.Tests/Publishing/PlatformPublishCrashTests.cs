using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Host.Tests.Support;
using Campaigns.PlatformFakes;
using Campaigns.Testing;
using Xunit.Abstractions;

namespace Campaigns.Host.Tests.Publishing;

/// <summary>
/// A real host process publishing to the TikTok fake is killed with SIGKILL after its upload made the post and while it
/// waits for TikTok to finish processing; started again on the same SQLite file, it resumes from the publish_id stored
/// on the push and records the post — and TikTok counts exactly one create.
/// </summary>
public sealed class PlatformPublishCrashTests(ITestOutputHelper output)
{
    // Fails without AccountGrain.PublishOnPlatformAsync's "var stored = Parse(await ... pushHandles.HandleAsync(...))"
    // (checked): the restarted host begins again, uploads again, and TikTok counts two creates.
    [Fact]
    public async Task A_host_killed_while_its_upload_is_processing_publishes_it_once_after_the_restart()
    {
        await using var fakes = new PlatformFakeSet();
        await using var media = new MediaServer();
        await fakes.StartAsync();
        await media.StartAsync();
        var settings = fakes.Settings();
        settings["Campaigns:PublicBaseUrl"] = PlatformHostFixture.PublicBaseUrl;
        settings["Campaigns:Scheduling:SweepSeconds"] = "1";
        // A lease far longer than the test: only the restart's own recovery can take the push back.
        settings["Campaigns:Scheduling:LeaseSeconds"] = "300";
        settings["Campaigns:Platforms:TikTok:StatusPollInterval"] = "00:00:00.200";
        var tiktok = fakes.TikTok;
        tiktok.Accounts.NextConsentingUser = "crash-user";
        // The post exists from the last chunk on; TikTok says "processing" for a while after: the kill lands then.
        tiktok.Faults.ProcessingTime = TimeSpan.FromSeconds(8);

        using var data = new TempSqliteDatabase();
        var adminKey = "adm_test_" + Guid.NewGuid().ToString("N");
        string apiKey, pushId;
        var first = await HostProcess.StartAsync(data.Directory, adminKey, settings);
        try
        {
            (_, apiKey) = await FiringCampaign.CreateAgencyAsync(first.Client(adminKey));
            var client = first.Client(apiKey);
            var account = await PublishFlow.Created(client, "/v1/accounts", PublishFlow.AccountBody("tiktok", "tiktok"));
            await ConnectAsync(first, client, account);
            (_, pushId) = await PublishFlow.LaunchOnePushAsync(client, account, media.Video(1_000_000));

            await Poll.Until(() => Task.FromResult(tiktok.Counters.Creates >= 1), TimeSpan.FromSeconds(60));
            Assert.Equal("publishing", (await ApiClient.Json(await client.Get($"/v1/pushes/{pushId}")))["status"]!.GetValue<string>());
            await first.KillAsync();
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

        await using var second = await HostProcess.StartAsync(data.Directory, adminKey, settings);
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
        Assert.Equal(1, tiktok.Counters.Creates);
        Assert.Equal(Assert.Single(tiktok.Posts.Of("crash-user")).Id, push["platformPostId"]!.GetValue<string>());
    }

    private static async Task ConnectAsync(HostProcess host, ApiClient client, string accountId)
    {
        var start = await ApiClient.Json(await client.Post($"/v1/accounts/{accountId}/connect"));
        var redirect = await ConnectFlow.Consent(new Uri(start["authorizeUrl"]!.GetValue<string>()));
        var page = await host.Client(null).Get(redirect.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
