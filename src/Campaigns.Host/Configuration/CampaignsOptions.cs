using Campaigns.Storage;

namespace Campaigns.Host.Configuration;

/// <summary>The <c>Campaigns</c> configuration section.</summary>
public sealed class CampaignsOptions
{
    public const string Section = "Campaigns";

    /// <summary>Where the embedded default keeps its SQLite file and generated admin key.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>The admin key; generated on first start of the embedded default when unset.</summary>
    public string? AdminKey { get; set; }

    /// <summary>
    /// The address clients and platforms reach this host at, without a trailing slash: the OpenAPI document's server
    /// and the base of OAuth redirect URIs. Set it when the host runs behind a proxy or on another address.
    /// </summary>
    public string PublicBaseUrl { get; set; } = HostingExtensions.DefaultUrl;

    /// <summary>
    /// How long a stopping host waits for in-flight work (publishes, grain hand-over, leaving the cluster) before it
    /// exits anyway. An orchestrator's grace period must be at least this long.
    /// </summary>
    public int ShutdownSeconds { get; set; } = 30;

    public StorageOptions Storage { get; set; } = new();

    public ClusterOptionsSection Cluster { get; set; } = new();

    public DashboardOptionsSection Dashboard { get; set; } = new();

    /// <summary><see cref="PublicBaseUrl"/> without a trailing slash; refuses anything but an absolute http(s) URL.</summary>
    public string NormalizedPublicBaseUrl()
    {
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new InvalidOperationException(
                $"{Section}:{nameof(PublicBaseUrl)} must be an absolute http or https URL without query or fragment, such as https://campaigns.example.com; it is '{PublicBaseUrl}'.");
        }
        return PublicBaseUrl.TrimEnd('/');
    }

    public sealed class StorageOptions
    {
        public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

        /// <summary>Connections per silo; keep silos × this below PostgreSQL's max_connections.</summary>
        public int MaxPoolSize { get; set; } = 20;
    }

    public sealed class ClusterOptionsSection
    {
        public string ClusterId { get; set; } = "campaigns";
        public string ServiceId { get; set; } = "campaigns";

        /// <summary>The silo-to-silo port; the silo opens no other Orleans port (no client gateway).</summary>
        public int SiloPort { get; set; } = 11111;

        /// <summary>
        /// The address other silos reach this one at (PostgreSQL clustering), and the only address the silo port
        /// listens on. When unset, the first up, non-loopback IPv4 address of this machine.
        /// </summary>
        public string? AdvertisedIP { get; set; }

        /// <summary>
        /// How long a grain call waits for its answer before the caller gets a timeout (an HTTP 503 that says the
        /// command may or may not have been applied). Publishing is not bound by it: see IAccountGrain.Publish.
        /// </summary>
        public int ResponseTimeoutSeconds { get; set; } = 30;

        /// <summary>Runs Orleans' Kubernetes hosting (pod labels, silos of deleted pods declared dead at once).</summary>
        public bool Kubernetes { get; set; }
    }

    public sealed class DashboardOptionsSection
    {
        /// <summary>Off: no dashboard at all, on any port.</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>When set, the dashboard is served on this port only (under /dashboard), not on the HTTP port.</summary>
        public int? Port { get; set; }

        /// <summary>The address the dashboard port is bound to; loopback unless the operator opens it.</summary>
        public string Address { get; set; } = "127.0.0.1";
    }
}
