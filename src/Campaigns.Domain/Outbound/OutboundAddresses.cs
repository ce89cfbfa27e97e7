using System.Net;

namespace Campaigns.Domain.Outbound;

/// <summary>
/// Which addresses a call leaving this service may reach. Anything an agency names (a webhook URL, later a media URL)
/// must not lead us into our own host or network: loopback, private, link-local, shared (carrier-grade NAT),
/// multicast, reserved and unspecified addresses are refused, and so are IPv6 forms that carry one of them inside
/// (IPv4-mapped, IPv4-compatible, IPv4-translated, NAT64 and 6to4), because the network stack or a gateway on the
/// way would unwrap them.
/// </summary>
public static class OutboundAddresses
{
    private static readonly (AddressPrefix Network, string Kind)[] V4 =
    [
        (AddressPrefix.Parse("0.0.0.0/8"), "unspecified"),
        (AddressPrefix.Parse("10.0.0.0/8"), "private"),
        (AddressPrefix.Parse("100.64.0.0/10"), "shared (carrier-grade NAT)"),
        (AddressPrefix.Parse("127.0.0.0/8"), "loopback"),
        (AddressPrefix.Parse("169.254.0.0/16"), "link-local"),
        (AddressPrefix.Parse("172.16.0.0/12"), "private"),
        (AddressPrefix.Parse("192.0.0.0/24"), "reserved"),
        (AddressPrefix.Parse("192.168.0.0/16"), "private"),
        (AddressPrefix.Parse("198.18.0.0/15"), "reserved"),
        (AddressPrefix.Parse("224.0.0.0/4"), "multicast"),
        (AddressPrefix.Parse("255.255.255.255/32"), "broadcast"),
        (AddressPrefix.Parse("240.0.0.0/4"), "reserved"),
    ];

    private static readonly (AddressPrefix Network, string Kind)[] V6 =
    [
        (AddressPrefix.Parse("::/128"), "unspecified"),
        (AddressPrefix.Parse("::1/128"), "loopback"),
        (AddressPrefix.Parse("64:ff9b:1::/48"), "private"),
        (AddressPrefix.Parse("100::/64"), "reserved"),
        (AddressPrefix.Parse("fc00::/7"), "private"),
        (AddressPrefix.Parse("fe80::/10"), "link-local"),
        (AddressPrefix.Parse("fec0::/10"), "private"),
        (AddressPrefix.Parse("ff00::/8"), "multicast"),
    ];

    /// <summary>IPv6 prefixes that carry an IPv4 address, and where its four bytes sit.</summary>
    private static readonly (AddressPrefix Network, int Offset, string Form)[] Carriers =
    [
        (AddressPrefix.Parse("::ffff:0:0/96"), 12, "IPv4-mapped"),
        (AddressPrefix.Parse("::ffff:0:0:0/96"), 12, "IPv4-translated"),
        (AddressPrefix.Parse("64:ff9b::/96"), 12, "NAT64"),
        (AddressPrefix.Parse("2002::/16"), 2, "6to4"),
        (AddressPrefix.Parse("::/96"), 12, "IPv4-compatible"),
    ];

    /// <summary>Why <paramref name="address"/> may not be called (e.g. <c>loopback</c>), or null when it may.</summary>
    public static string? Refusal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var bytes = address.GetAddressBytes();
        if (bytes.Length == 4)
        {
            return KindIn(V4, bytes);
        }
        if (KindIn(V6, bytes) is { } kind)
        {
            return kind;
        }
        foreach (var (network, offset, form) in Carriers)
        {
            if (network.Contains(bytes))
            {
                return KindIn(V4, bytes.AsSpan(offset, 4)) is { } inner ? $"{inner} ({form})" : null;
            }
        }
        return null;
    }

    /// <summary>
    /// Why the host part of a URL may not be called before any lookup: a literal address that <see cref="Refusal"/>
    /// refuses, or <c>localhost</c> (and names under it, which resolve to loopback by convention). Null for any
    /// other name: whether it is allowed depends on what it resolves to when called.
    /// </summary>
    public static string? HostRefusal(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.TrimEnd('.');
        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return "loopback";
        }
        return TryParseLiteral(name, out var address) ? Refusal(address) : null;
    }

    /// <summary>
    /// Reads a host that is an IP literal, with or without the brackets a URL puts around IPv6 and with or without an
    /// IPv6 zone (<c>%eth0</c>, possibly escaped as <c>%25eth0</c>), which does not change what the address is.
    /// </summary>
    public static bool TryParseLiteral(string host, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPAddress? address)
    {
        ArgumentNullException.ThrowIfNull(host);
        var bare = host.Length > 1 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;
        if (bare.Contains(':', StringComparison.Ordinal))
        {
            var zone = bare.IndexOf('%', StringComparison.Ordinal);
            address = IPAddress.TryParse(zone < 0 ? bare : bare[..zone], out var v6) ? v6 : null;
            return address is not null;
        }
        // IPAddress.TryParse also takes "1.2" or "12345"; a URL's host is already normalised to four parts.
        address = bare.Count(c => c == '.') == 3 && IPAddress.TryParse(bare, out var v4) ? v4 : null;
        return address is not null;
    }

    private static string? KindIn((AddressPrefix Network, string Kind)[] table, ReadOnlySpan<byte> address)
    {
        foreach (var (network, kind) in table)
        {
            if (network.Contains(address))
            {
                return kind;
            }
        }
        return null;
    }
}
