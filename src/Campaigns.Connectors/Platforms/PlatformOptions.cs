namespace Campaigns.Connectors.Platforms;

/// <summary>
/// Settings every platform shares, bound from <c>Campaigns:Platforms:{Name}</c>. The hosts default to the real
/// platform; tests and staging point them at a fake.
/// </summary>
public abstract class PlatformOptions
{
    /// <summary>The parent section of every platform's settings.</summary>
    public const string Root = "Campaigns:Platforms";

    /// <summary>The default metrics poll interval (15 minutes).</summary>
    public const int DefaultMetricsPollSeconds = 900;

    /// <summary>Creates settings with the platform's real hosts as defaults.</summary>
    protected PlatformOptions(
        string name, Uri apiBaseUrl, Uri authBaseUrl, int publishQuota = 0, int statusQuota = 0, TimeSpan? renewIdleWithin = null)
    {
        RenewIdleWithin = renewIdleWithin ?? TimeSpan.FromDays(7);
        PublishQuota = publishQuota;
        StatusQuota = statusQuota;
        Name = name;
        ApiBaseUrl = apiBaseUrl;
        AuthBaseUrl = authBaseUrl;
    }

    /// <summary>The platform's name in configuration, e.g. <c>TikTok</c>.</summary>
    public string Name { get; }

    /// <summary>The section these settings are bound from.</summary>
    public string Section => $"{Root}:{Name}";

    /// <summary>The app's client key (client id, app id) from the platform's developer console.</summary>
    public string? ClientKey { get; set; }

    /// <summary>The app's client secret; never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The platform's API host.</summary>
    public Uri ApiBaseUrl { get; set; }

    /// <summary>The host of the platform's authorize page (and, where the platform keeps it there, its token endpoint).</summary>
    public Uri AuthBaseUrl { get; set; }

    /// <summary>How often published posts' metrics are polled in their first 72 hours, in seconds (default 900).</summary>
    public int MetricsPollSeconds { get; set; } = DefaultMetricsPollSeconds;

    /// <summary>How long one API call may take, all retries included (default 30 s).</summary>
    public TimeSpan ApiTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one upload request (one chunk) may take (default 10 min).</summary>
    public TimeSpan UploadTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long to wait before asking again while the platform processes a video (default 5 s).</summary>
    public TimeSpan StatusPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The window the per-user call quotas below count over (default one minute, as TikTok documents them).</summary>
    public TimeSpan QuotaWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Publishes one user (one access token) may begin per <see cref="QuotaWindow"/>; 0 for no limit. The account
    /// grain keeps it before calling, so a burst is postponed instead of refused.
    /// </summary>
    public int PublishQuota { get; set; }

    /// <summary>Status fetches (resuming calls) one user may make per <see cref="QuotaWindow"/>; 0 for no limit.</summary>
    public int StatusQuota { get; set; }

    /// <summary>How long to wait after a rate-limit answer that named no Retry-After (default one minute).</summary>
    public TimeSpan RateLimitWait { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How close to lapsing an idle account's credential is renewed by the renewal sweep: its refresh token's expiry,
    /// or the access token's where there is no refresh token (Instagram). Default 7 days.
    /// </summary>
    public TimeSpan RenewIdleWithin { get; set; }

    /// <summary>The first setting an operator must still provide before accounts can connect, or null.</summary>
    public string? MissingSetting() =>
        string.IsNullOrWhiteSpace(ClientKey) ? $"{Section}:ClientKey"
        : string.IsNullOrWhiteSpace(ClientSecret) ? $"{Section}:ClientSecret"
        : null;

    /// <summary>Why these settings are invalid, or null when they are fine (missing credentials are not invalid).</summary>
    public virtual string? Problem() =>
        !IsHttpUrl(ApiBaseUrl) ? $"{Section}:ApiBaseUrl must be an absolute http(s) URL."
        : !IsHttpUrl(AuthBaseUrl) ? $"{Section}:AuthBaseUrl must be an absolute http(s) URL."
        : MetricsPollSeconds < 1 ? $"{Section}:MetricsPollSeconds must be at least 1."
        : ApiTimeout <= TimeSpan.Zero ? $"{Section}:ApiTimeout must be positive."
        : UploadTimeout <= TimeSpan.Zero ? $"{Section}:UploadTimeout must be positive."
        : StatusPollInterval <= TimeSpan.Zero ? $"{Section}:StatusPollInterval must be positive."
        : QuotaWindow <= TimeSpan.Zero ? $"{Section}:QuotaWindow must be positive."
        : PublishQuota < 0 ? $"{Section}:PublishQuota must not be negative."
        : StatusQuota < 0 ? $"{Section}:StatusQuota must not be negative."
        : RateLimitWait <= TimeSpan.Zero ? $"{Section}:RateLimitWait must be positive."
        : RenewIdleWithin < TimeSpan.Zero ? $"{Section}:RenewIdleWithin must not be negative."
        : null;

    /// <summary>An absolute URL on the API host (a path prefix in the setting is kept).</summary>
    public Uri Api(string pathAndQuery) => Under(ApiBaseUrl, pathAndQuery);

    /// <summary>An absolute URL on the auth host (a path prefix in the setting is kept).</summary>
    public Uri Auth(string pathAndQuery) => Under(AuthBaseUrl, pathAndQuery);

    /// <summary><paramref name="pathAndQuery"/> below <paramref name="root"/>, keeping the root's own path.</summary>
    public static Uri Under(Uri root, string pathAndQuery) =>
        new(root.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + pathAndQuery.TrimStart('/'));

    /// <summary>True for an absolute http or https URL.</summary>
    protected static bool IsHttpUrl(Uri? uri) =>
        uri is { IsAbsoluteUri: true } && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
