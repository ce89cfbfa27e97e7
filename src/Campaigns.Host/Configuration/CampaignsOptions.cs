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

    public StorageOptions Storage { get; set; } = new();

    public ClusterOptionsSection Cluster { get; set; } = new();

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
        public int SiloPort { get; set; } = 11111;
        public int GatewayPort { get; set; } = 30000;

        /// <summary>The address other silos reach this one at (PostgreSQL clustering); loopback when unset.</summary>
        public string? AdvertisedIP { get; set; }
    }
}
