using Campaigns.PlatformFakes.Douyin;
using Campaigns.PlatformFakes.Instagram;
using Campaigns.PlatformFakes.Kuaishou;
using Campaigns.PlatformFakes.TikTok;
using Campaigns.PlatformFakes.YouTube;

namespace Campaigns.PlatformFakes;

/// <summary>
/// The five platform fakes on loopback, and the settings that point Campaigns at them with their app credentials
/// (configuration keys only: nothing here calls our code).
/// </summary>
public sealed class PlatformFakeSet : IAsyncDisposable
{
    public TikTokFake TikTok { get; } = new();
    public YouTubeFake YouTube { get; } = new();
    public InstagramFake Instagram { get; } = new();
    public DouyinFake Douyin { get; } = new();
    public KuaishouFake Kuaishou { get; } = new();

    /// <summary>Each connector type word with its fake, its settings section and the platform its accounts are on.</summary>
    public IReadOnlyList<(string Type, FakeServer Fake, string Section, string Platform)> All =>
    [
        ("tiktok", TikTok, "TikTok", "tiktok"),
        ("youtube", YouTube, "YouTube", "youtube-shorts"),
        ("instagram", Instagram, "Instagram", "instagram-reels"),
        ("douyin", Douyin, "Douyin", "douyin"),
        ("kuaishou", Kuaishou, "Kuaishou", "kuaishou"),
    ];

    /// <summary>The fake of a connector type word.</summary>
    public FakeServer For(string type) => All.Single(p => p.Type == type).Fake;

    /// <summary>The platform word an account on <paramref name="type"/> must have.</summary>
    public string PlatformOf(string type) => All.Single(p => p.Type == type).Platform;

    public Task StartAsync() => Task.WhenAll(All.Select(p => p.Fake.StartAsync()));

    /// <summary>Settings pointing every platform at its fake.</summary>
    public Dictionary<string, string> Settings()
    {
        var settings = new Dictionary<string, string>();
        foreach (var (_, fake, section, _) in All)
        {
            var prefix = $"Campaigns:Platforms:{section}:";
            settings[prefix + "ClientKey"] = fake.Accounts.ClientKey;
            settings[prefix + "ClientSecret"] = fake.Accounts.ClientSecret;
            settings[prefix + "ApiBaseUrl"] = fake.BaseUrl.AbsoluteUri;
            settings[prefix + "AuthBaseUrl"] = fake.BaseUrl.AbsoluteUri;
        }
        settings["Campaigns:Platforms:YouTube:TokenUrl"] = YouTube.Url("token").AbsoluteUri;
        settings["Campaigns:Platforms:Kuaishou:UploadScheme"] = "http";
        return settings;
    }

    /// <summary>Every code and token any fake issued.</summary>
    public IReadOnlyList<string> IssuedSecrets => All.SelectMany(p => p.Fake.Accounts.IssuedSecrets).ToList();

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, fake, _, _) in All)
        {
            await fake.DisposeAsync();
        }
    }
}
