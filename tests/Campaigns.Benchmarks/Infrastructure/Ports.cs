using System.Net;
using System.Net.Sockets;

namespace Campaigns.Benchmarks.Infrastructure;

/// <summary>Free loopback ports, asked of the OS (bind to port 0, read it back, release it).</summary>
public static class Ports
{
    private static readonly HashSet<int> Handed = [];

    public static int Free()
    {
        // A port handed out earlier may not be bound yet by its process: never hand it out twice.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            lock (Handed)
            {
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }
        throw new InvalidOperationException("no free loopback port");
    }
}
