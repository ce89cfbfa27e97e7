namespace Campaigns.Domain.Accounts;

/// <summary>
/// When an access token is refreshed ahead of its expiry. The lead time is a tenth of the token's own lifetime (from
/// the platform's <c>expires_in</c>), at least a minute and at most a day: a two-hour TikTok token is renewed in its
/// last 12 minutes, a sixty-day Instagram token in its last day (Instagram refuses to refresh a token younger than a
/// day, so renewing a long-lived token early would be refused).
/// </summary>
public static class TokenRefreshTiming
{
    /// <summary>The shortest lead time.</summary>
    public static readonly TimeSpan MinLead = TimeSpan.FromMinutes(1);

    /// <summary>The longest lead time.</summary>
    public static readonly TimeSpan MaxLead = TimeSpan.FromDays(1);

    /// <summary>How long before <paramref name="expiresAt"/> a token obtained at <paramref name="obtainedAt"/> is renewed.</summary>
    public static TimeSpan Lead(DateTimeOffset obtainedAt, DateTimeOffset expiresAt)
    {
        var lifetime = expiresAt - obtainedAt;
        var lead = lifetime <= TimeSpan.Zero ? MinLead : lifetime / 10;
        return lead < MinLead ? MinLead : lead > MaxLead ? MaxLead : lead;
    }

    /// <summary>
    /// Whether the token should be renewed now. A token whose expiry the platform did not state is renewed only when
    /// the platform says it is invalid.
    /// </summary>
    public static bool IsDue(DateTimeOffset obtainedAt, DateTimeOffset? expiresAt, DateTimeOffset now) =>
        expiresAt is { } expires && now >= expires - Lead(obtainedAt, expires);
}
