using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Campaigns.Gateway.Limits;

/// <summary>
/// Who a request without a valid key is counted as: its client address (after forwarded headers from configured
/// proxies). An IPv6 client is counted by its /64 network, because one host is usually handed a whole /64 and
/// could otherwise rotate through addresses for free.
/// </summary>
public static class ClientAddress
{
    private const int Ipv6NetworkBits = 64;

    /// <summary>The partition key of the request's client; <c>unknown</c> when the server gives no address.</summary>
    public static string Of(HttpContext http) => Of(http.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? new IPNetwork(Network(address), Ipv6NetworkBits).ToString()
            : address.ToString();
    }

    private static IPAddress Network(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, Ipv6NetworkBits / 8, bytes.Length - Ipv6NetworkBits / 8);
        return new IPAddress(bytes);
    }
}
