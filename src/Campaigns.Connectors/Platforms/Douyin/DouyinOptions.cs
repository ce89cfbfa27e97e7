namespace Campaigns.Connectors.Platforms.Douyin;

/// <summary>
/// Douyin open platform settings, bound from <c>Campaigns:Platforms:Douyin</c>. Idle accounts are renewed 4 days before
/// their refresh token lapses, inside <see cref="RenewRefreshWithin"/>, so that renewal also renews the refresh token.
/// </summary>
public sealed class DouyinOptions() : PlatformOptions("Douyin", new Uri("https://open.douyin.com"), new Uri("https://open.douyin.com"), publishQuota: DefaultPublishQuota,
    renewIdleWithin: TimeSpan.FromDays(4))
{
    /// <summary>
    /// Publishes begun per user a minute. An assumption: the platform's documents state no per-user publish rate we
    /// could verify, so a conservative figure an operator can change (see docs/platforms).
    /// </summary>
    public const int DefaultPublishQuota = 10;

    /// <summary>The smallest part Douyin takes (5 MB); the last part may be smaller.</summary>
    public const long MinPartBytes = 5 * 1024 * 1024;

    /// <summary>Bytes per uploaded part (default 20 MiB, Douyin's suggestion).</summary>
    public long PartBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>
    /// How close to its expiry the refresh token is renewed (<c>renew_refresh_token</c>, at most 5 times per
    /// authorization) when the access token is refreshed (default 5 days).
    /// </summary>
    public TimeSpan RenewRefreshWithin { get; set; } = TimeSpan.FromDays(5);

    /// <inheritdoc />
    public override string? Problem() =>
        base.Problem()
        ?? (PartBytes < MinPartBytes ? $"{Section}:PartBytes must be at least {MinPartBytes}." : null)
        ?? (RenewRefreshWithin < TimeSpan.Zero ? $"{Section}:RenewRefreshWithin must not be negative." : null);
}
