using System.Net.NetworkInformation;

namespace Campaigns.Host.Cluster;

/// <summary>This machine's interfaces, as the OS lists them, for <see cref="AdvertisedAddress.Choose"/>.</summary>
public static class LocalNetworkInterfaces
{
    public static IReadOnlyList<NetworkInterfaceView> Read() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Select(nic => new NetworkInterfaceView(
                nic.Name,
                // Linux reports "unknown" for some virtual links that carry traffic (tun devices, some pod networks);
                // only an interface known to be down is passed over.
                nic.OperationalStatus is OperationalStatus.Up or OperationalStatus.Unknown,
                nic.NetworkInterfaceType == NetworkInterfaceType.Loopback,
                nic.GetIPProperties().UnicastAddresses.Select(u => u.Address).ToList()))
            .ToList();
}
