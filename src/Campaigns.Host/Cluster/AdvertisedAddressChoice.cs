using System.Net;

namespace Campaigns.Host.Cluster;

/// <summary>Where the silo's advertised address came from.</summary>
public enum AdvertisedAddressSource
{
    /// <summary><c>Campaigns:Cluster:AdvertisedIP</c>.</summary>
    Configured,

    /// <summary>The first up, non-loopback IPv4 address of a real interface.</summary>
    Interface,

    /// <summary>Nothing else existed: other machines cannot reach this silo.</summary>
    LoopbackFallback,
}

/// <summary>The address a silo advertises to the others and listens on, and why.</summary>
public sealed record AdvertisedAddressChoice(IPAddress Address, AdvertisedAddressSource Source, string? InterfaceName = null);
