using Campaigns.PlatformFakes;

namespace Campaigns.Host.Tests.Support;

/// <summary>
/// The platform host tuned for publishing within seconds — a sweep every second, retries a second apart, a 4 s lease
/// renewed every second, status polls every 200 ms, metrics polled every second — with a server of generated videos
/// for media URLs.
/// </summary>
public sealed class PublishHostFixture : SqlitePlatformHostFixture
{
    public new const string Collection = "publish-host-sqlite";

    /// <summary>The window the host counts TikTok's per-token quotas over.</summary>
    public static readonly TimeSpan QuotaWindow = TimeSpan.FromSeconds(30);

    public MediaServer Media { get; } = new();

    protected override IReadOnlyDictionary<string, string> Extra { get; } = Settings();

    protected override async Task<HostSettings?> CreateSettingsAsync()
    {
        await Media.StartAsync();
        return await base.CreateSettingsAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Media.DisposeAsync();
    }

    private static Dictionary<string, string> Settings()
    {
        var settings = new Dictionary<string, string>
        {
            ["Campaigns:Scheduling:SweepSeconds"] = "1",
            ["Campaigns:Scheduling:RetryBaseSeconds"] = "1",
            ["Campaigns:Scheduling:LeaseSeconds"] = "4",
            ["Campaigns:Scheduling:LeaseRenewSeconds"] = "1",
            ["Campaigns:Scheduling:MaxAttempts"] = "3",
        };
        // TikTok's per-token quotas count over 30 s here instead of a minute, so a burst over them frees within a test;
        // status fetches are not limited (every 200 ms poll would count), their quota is tested in the grain tests.
        settings["Campaigns:Platforms:TikTok:QuotaWindow"] = QuotaWindow.ToString();
        settings["Campaigns:Platforms:TikTok:StatusQuota"] = "0";
        // The idle-credential sweep every 2 s instead of every 6 hours.
        settings["Campaigns:Platforms:CredentialSweepSeconds"] = "2";
        foreach (var section in new[] { "TikTok", "YouTube", "Instagram", "Douyin", "Kuaishou" })
        {
            settings[$"Campaigns:Platforms:{section}:StatusPollInterval"] = "00:00:00.200";
            // The platform poller's rounds follow the shortest interval: published posts are asked every second.
            settings[$"Campaigns:Platforms:{section}:MetricsPollSeconds"] = "1";
        }
        return settings;
    }
}

[CollectionDefinition(PublishHostFixture.Collection)]
public sealed class PublishHostCollection : ICollectionFixture<PublishHostFixture>;
