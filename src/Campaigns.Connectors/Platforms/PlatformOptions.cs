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
    protected PlatformOptions(string name, Uri apiBaseUrl, Uri authBaseUrl)
    {
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
