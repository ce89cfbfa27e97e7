using System.Net;

namespace Campaigns.Host.Cluster;

/// <summary>What the advertised-address choice needs to know about one network interface, in the order the OS lists them.</summary>
public sealed record NetworkInterfaceView(string Name, bool IsUp, bool IsLoopback, IReadOnlyList<IPAddress> Addresses);
