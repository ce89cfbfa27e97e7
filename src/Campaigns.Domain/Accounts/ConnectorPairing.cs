using System.Collections.Frozen;

namespace Campaigns.Domain.Accounts;

/// <summary>
/// Which platform a connector can publish to. The sandbox and webhook connectors publish anywhere (the webhook is
/// the agency's own publisher); each real platform's connector publishes only to that platform.
/// </summary>
public static class ConnectorPairing
{
    private static readonly FrozenDictionary<ConnectorType, Platform> PlatformOf = new Dictionary<ConnectorType, Platform>
    {
        [ConnectorType.Tiktok] = Platform.Tiktok,
        [ConnectorType.Youtube] = Platform.YoutubeShorts,
        [ConnectorType.Instagram] = Platform.InstagramReels,
        [ConnectorType.Douyin] = Platform.Douyin,
        [ConnectorType.Kuaishou] = Platform.Kuaishou,
    }.ToFrozenDictionary();

    /// <summary>True for the connectors of real platforms, which need an OAuth connection before they publish.</summary>
    public static bool IsPlatformConnector(ConnectorType type) => PlatformOf.ContainsKey(type);

    /// <summary>The only platform a real platform's connector publishes to; null for the sandbox and the webhook.</summary>
    public static Platform? PlatformFor(ConnectorType type) => PlatformOf.TryGetValue(type, out var platform) ? platform : null;

    /// <summary>Whether an account on <paramref name="platform"/> may publish through <paramref name="type"/>.</summary>
    public static bool Fits(ConnectorType type, Platform platform) =>
        PlatformFor(type) is not { } only || only == platform;
}
