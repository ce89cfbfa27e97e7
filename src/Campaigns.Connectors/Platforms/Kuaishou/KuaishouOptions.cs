namespace Campaigns.Connectors.Platforms.Kuaishou;

/// <summary>Kuaishou open platform settings, bound from <c>Campaigns:Platforms:Kuaishou</c>.</summary>
public sealed class KuaishouOptions() : PlatformOptions("Kuaishou", new Uri("https://open.kuaishou.com"), new Uri("https://open.kuaishou.com"), publishQuota: DefaultPublishQuota)
{
    /// <summary>
    /// Publishes begun per user a minute. An assumption: the platform's documents state no per-user publish rate we
    /// could verify, so a conservative figure an operator can change (see docs/platforms).
    /// </summary>
    public const int DefaultPublishQuota = 10;

    /// <summary>Bytes per uploaded fragment (default 4 MiB).</summary>
    public long FragmentBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// The scheme used for the upload <c>endpoint</c> that <c>start_upload</c> answers as a bare host (default https;
    /// peers use http).
    /// </summary>
    public string UploadScheme { get; set; } = "https";

    /// <inheritdoc />
    public override string? Problem() =>
        base.Problem()
        ?? (FragmentBytes < 256 * 1024 ? $"{Section}:FragmentBytes must be at least 262144." : null)
        ?? (UploadScheme is not ("https" or "http") ? $"{Section}:UploadScheme must be https or http." : null);
}
