using System.Net;
using System.Text.Json.Nodes;
using Campaigns.Domain.Common;
using Campaigns.Domain.Pushes;
using Campaigns.Host.Tests.Support;
using Campaigns.Storage.Pushes;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Host.Tests;

/// <summary>
/// Exactly once, against a platform that cannot de-duplicate (every create call it receives would be a post): a lost
/// answer is found by the look-up, staleness and caps are decided only after it, and a push that keeps failing ends
/// failed after the last attempt. Each test names the guard whose removal makes it fail; each was checked that way.
/// </summary>
public sealed class ExactlyOnceTests(PushPathHost host) : IClassFixture<PushPathHost>
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    // Fails without the look-up in AccountPublisher.PublishAsync (`if (command.Attempts > 0)` … FindAsync): the second attempt
    // creates again (2 creates).
    [Fact]
    public async Task A_create_whose_answer_is_lost_is_found_by_the_look_up_and_never_created_twice()
    {
        var tenant = await Tenant.Create(host.App);
        await using var platform = await FakePlatform.StartAsync();
        platform.LoseAnswers(1);
        var push = await SinglePush.LaunchAsync(tenant, platform, startIn: TimeSpan.FromSeconds(2));

        var published = await push.WaitForAsync("published", Within);

        Assert.Equal(platform.PostOf(push.Key), published["platformPostId"]!.GetValue<string>());
        Assert.Equal(2, published["attempts"]!.GetValue<int>());
        Assert.Equal((1, 1), (platform.Creates(push.Key), platform.Lookups(push.Key)));
    }

    // Fails without `&& push.Attempts == 0` in PushPublisher.PublishAsync (the staleness skip before the look-up):
    // the push is skipped although its post exists.
    [Fact]
    public async Task A_stale_push_that_an_earlier_attempt_published_is_found_and_published_not_skipped()
    {
        var (stale, platform) = await StalePushAsync();
        await using var _ = platform;
        var post = platform.Seed(stale.Key);

        var published = await stale.WaitForAsync("published", Within);

        Assert.Equal(post, published["platformPostId"]!.GetValue<string>());
        Assert.Equal((0, 1), (platform.Creates(stale.Key), platform.Lookups(stale.Key)));
    }

    // Fails without `?? command.StaleDetail` in AccountPublisher.Refusal: the look-up finds nothing and the stale push
    // is published two hours late.
    [Fact]
    public async Task A_stale_push_whose_earlier_attempt_posted_nothing_is_skipped_after_the_look_up()
    {
        var (stale, platform) = await StalePushAsync();
        await using var _ = platform;

        var skipped = await stale.WaitForAsync("skipped", Within);

        Assert.StartsWith("Stale:", skipped["lastError"]!.GetValue<string>());
        Assert.Equal((0, 1), (platform.Creates(stale.Key), platform.Lookups(stale.Key)));
    }

    // Fails without `FireTimeCaps.Refusal(…)` in AccountPublisher.Refusal: the push is published in the quiet hours.
    [Fact]
    public async Task A_push_whose_account_gained_quiet_hours_after_launch_is_skipped_when_it_fires()
    {
        var tenant = await Tenant.Create(host.App);
        await using var platform = await FakePlatform.StartAsync();
        // Room for the change below to land before the push is due, even on a loaded machine (4 s was not always).
        var push = await SinglePush.LaunchAsync(tenant, platform, startIn: TimeSpan.FromSeconds(12));
        var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var quiet = new JsonObject { ["from"] = local.AddHours(-1).ToString("HH:mm"), ["to"] = local.AddHours(1).ToString("HH:mm") };

        var patched = await tenant.Client.Patch($"/v1/accounts/{push.AccountId}",
            new JsonObject { ["caps"] = new JsonObject { ["maxPostsPerDay"] = 3, ["minGapMinutes"] = 60, ["quietHours"] = quiet } });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);

        var skipped = await push.WaitForAsync("skipped", Within);
        Assert.Contains("quiet hours", skipped["lastError"]!.GetValue<string>());
        Assert.Equal((0, 0), (skipped["attempts"]!.GetValue<int>(), platform.Creates(push.Key)));
    }

    // Fails without `when attempts < options.Value.MaxAttempts` in PushPublisher.PublishAsync: the push is retried
    // for ever and never fails.
    [Fact]
    public async Task A_push_the_platform_keeps_refusing_is_retried_with_a_look_up_each_time_and_failed_after_the_last_attempt()
    {
        var tenant = await Tenant.Create(host.App);
        await using var platform = await FakePlatform.StartAsync();
        platform.RefuseAll = true;
        var push = await SinglePush.LaunchAsync(tenant, platform, startIn: TimeSpan.FromSeconds(2));

        var failed = await push.WaitForAsync("failed", Within);

        Assert.Equal(PushPathHost.MaxAttempts, failed["attempts"]!.GetValue<int>());
        Assert.Contains("503", failed["lastError"]!.GetValue<string>());
        // Every attempt reached the platform once; every retry asked first whether the post existed.
        Assert.Equal((PushPathHost.MaxAttempts, PushPathHost.MaxAttempts - 1), (platform.Creates(push.Key), platform.Lookups(push.Key)));
    }

    /// <summary>
    /// A push two hours overdue whose one earlier attempt ended with no answer, belonging to a live campaign (so its
    /// owner lets it fire): what a host finds after long downtime. Stored directly, as the earlier attempt left it.
    /// </summary>
    private async Task<(SinglePush Push, FakePlatform Platform)> StalePushAsync()
    {
        var tenant = await Tenant.Create(host.App);
        var platform = await FakePlatform.StartAsync();
        var campaign = await SinglePush.LaunchAsync(tenant, platform, startIn: TimeSpan.FromHours(6));
        var scheduled = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeMilliseconds();
        var id = Ids.New("psh");
        await host.App.Services.GetRequiredService<OwnerPushes>().InsertAsync([new PushRow
        {
            AgencyId = tenant.Id, Id = id, CampaignId = campaign.CampaignId, AccountId = campaign.AccountId, VideoId = campaign.VideoId,
            Platform = "douyin", ScheduledAt = scheduled, DueAt = scheduled, Lifecycle = PushStatus.Scheduled, Attempts = 1,
            LastError = "webhook POST: no answer in time; the call may have been received", UpdatedAt = scheduled,
        }]);
        return (campaign with { PushId = id }, platform);
    }
}
