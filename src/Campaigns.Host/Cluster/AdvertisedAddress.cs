using System.Net;
using System.Net.Sockets;

namespace Campaigns.Host.Cluster;

/// <summary>
/// Chooses the address a silo advertises in the membership table (and listens on): the configured one, else the
/// first up, non-loopback IPv4 address of a real interface, else loopback. Pure, so it is tested with made-up
/// interface lists; <see cref="LocalNetworkInterfaces"/> supplies the real one.
/// </summary>
public static class AdvertisedAddress
{
    public const string SettingKey = "Campaigns:Cluster:AdvertisedIP";

    public static AdvertisedAddressChoice Choose(string? configured, IEnumerable<NetworkInterfaceView> interfaces)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new AdvertisedAddressChoice(ParseConfigured(configured.Trim()), AdvertisedAddressSource.Configured);
        }
        foreach (var candidate in interfaces.Where(i => i.IsUp && !i.IsLoopback))
        {
            var address = candidate.Addresses.FirstOrDefault(IsReachableIPv4);
            if (address is not null)
            {
                return new AdvertisedAddressChoice(address, AdvertisedAddressSource.Interface, candidate.Name);
            }
        }
        return new AdvertisedAddressChoice(IPAddress.Loopback, AdvertisedAddressSource.LoopbackFallback);
    }

    private static IPAddress ParseConfigured(string configured)
    {
        if (!IPAddress.TryParse(configured, out var address))
        {
            throw new InvalidOperationException($"{SettingKey} '{configured}' is not an IP address.");
        }
        // A wildcard is not an address another silo can call, and listening on it is what this setting prevents.
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.None) || address.Equals(IPAddress.IPv6None))
        {
            throw new InvalidOperationException($"{SettingKey} '{configured}' is a wildcard; give this machine's own address.");
        }
        return address;
    }

    /// <summary>IPv4, not loopback, and not link-local (169.254/16, which a host gives itself when it has no real address).</summary>
    private static bool IsReachableIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork || IPAddress.IsLoopback(address))
        {
            return false;
        }
        var bytes = address.GetAddressBytes();
        return !(bytes[0] == 169 && bytes[1] == 254);
    }
}
