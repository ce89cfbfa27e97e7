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

    public StorageOptions Storage { get; set; } = new();

    public ClusterOptionsSection Cluster { get; set; } = new();

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

        /// <summary>
        /// How long a grain call waits for its answer before the caller gets a timeout (an HTTP 503 that says the
        /// command may or may not have been applied). Publishing is not bound by it: see IAccountGrain.Publish.
        /// </summary>
        public int ResponseTimeoutSeconds { get; set; } = 30;
    }
}
