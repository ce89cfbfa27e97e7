using System.Net;
using System.Net.Sockets;

namespace Campaigns.Host.Tests.Support;

/// <summary>Loopback ports nobody is listening on, for the HTTP, silo and dashboard ports of each test host.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
