using System.Net;
using System.Net.Sockets;
using Campaigns.Domain.Outbound;
using Microsoft.Extensions.Options;

namespace Campaigns.Connectors.Outbound;

/// <summary>
/// Decides where an outbound connection may go and opens it there. The host is resolved here, each address is
/// checked against <see cref="OutboundAddresses"/>, and the socket connects to an address that was checked, never to
/// a fresh lookup of the name, so a name that answers differently the second time (DNS rebinding) gains nothing.
/// </summary>
public sealed class OutboundGuard(IHostResolver resolver, IOptionsMonitor<OutboundOptions> options)
{
    /// <summary>
    /// The addresses a connection to <paramref name="host"/> may use, in the resolver's order.
    /// </summary>
    /// <exception cref="OutboundRefusedException">The host is, or resolves to, an address that may not be called
    /// (any one of its addresses is enough: a name mixing public and private answers is not trusted).</exception>
    public async Task<IReadOnlyList<IPAddress>> AddressesAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        var allowPrivate = options.CurrentValue.AllowPrivateAddresses;
        if (OutboundAddresses.TryParseLiteral(host, out var literal))
        {
            return !allowPrivate && OutboundAddresses.Refusal(literal) is { } kind
                ? throw OutboundRefusedException.Literal(host, kind)
                : [Unmapped(literal)];
        }
        if (!allowPrivate && OutboundAddresses.HostRefusal(host) is { } local)
        {
            throw OutboundRefusedException.Literal(host, local);
        }

        var resolved = await resolver.ResolveAsync(host, cancellationToken);
        if (resolved.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }
        if (!allowPrivate)
        {
            foreach (var address in resolved)
            {
                if (OutboundAddresses.Refusal(address) is { } kind)
                {
                    throw OutboundRefusedException.Resolved(host, kind);
                }
            }
        }
        return resolved.Select(Unmapped).Distinct().ToList();
    }

    /// <summary>
    /// A <see cref="SocketsHttpHandler.ConnectCallback"/>: connects to the first checked address that answers.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var addresses = await AddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (Exception e) when (e is SocketException && !cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last!;
    }

    /// <summary>An IPv4-mapped IPv6 address as the IPv4 address it stands for, so an IPv4 socket can reach it.</summary>
    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
