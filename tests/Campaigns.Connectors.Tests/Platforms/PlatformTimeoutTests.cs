using Campaigns.Connectors.Platforms;
using Campaigns.Connectors.Platforms.TikTok;
using Campaigns.Domain.Accounts;
using Campaigns.PlatformFakes.TikTok;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Connectors.Tests.Platforms;

/// <summary>Each platform's outbound calls are bounded by that platform's own <c>ApiTimeout</c>.</summary>
public sealed class PlatformTimeoutTests
{
    [Fact]
    public async Task A_platforms_ApiTimeout_cuts_its_slow_call_short_and_leaves_the_other_platforms_settings_alone()
    {
        // Guarded by PlatformHttp.AddPlatform's ".AddTimeout(options.ApiTimeout)" and ".AddTimeout(options.ApiTimeout / 2)"
        // (total and per attempt): without them the call waits out the fake's 30 s and answers the follower count.
        // The timeout leaves a normal call a second per attempt: a clean clone's run, with every test project running at
        // once on two cores, once took longer than the 200 ms per attempt this test used to allow.
        await using var rig = await PlatformRig<TikTokFake>.StartAsync("TikTok", c => new TikTokFake(c),
            new Dictionary<string, string?> { ["ApiTimeout"] = "00:00:02" });
        var credentials = rig.Connect(rig.Services.GetRequiredService<TikTokOAuth>(), "creator-slow");
        var connector = rig.Services.GetRequiredService<TikTokConnector>();
        rig.Fake.Latency = TimeSpan.FromSeconds(30);

        var followers = await connector.FollowersAsync(await credentials.CurrentAsync(default), default);

        Assert.False(followers.Ok);
        Assert.Equal(FailureKind.Transient, followers.Failure!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(2), rig.Registry.Settings(ConnectorType.Tiktok).ApiTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), rig.Registry.Settings(ConnectorType.Youtube).ApiTimeout);

        rig.Fake.Latency = TimeSpan.Zero;
        Assert.True((await connector.FollowersAsync(await credentials.CurrentAsync(default), default)).Ok);
    }
}
