using System.Globalization;
using System.Net;

namespace Campaigns.Domain.Outbound;

/// <summary>
/// A network prefix such as <c>10.0.0.0/8</c>, matched on the address bytes alone. (<see cref="IPNetwork"/> is not
/// used: it treats an IPv4-mapped IPv6 address as the IPv4 address inside, which hides the form we must name.)
/// </summary>
internal readonly record struct AddressPrefix(byte[] Bytes, int Bits)
{
    public static AddressPrefix Parse(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        return new AddressPrefix(IPAddress.Parse(cidr[..slash]).GetAddressBytes(), int.Parse(cidr[(slash + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>True when <paramref name="address"/> (4 or 16 bytes) is of this prefix's family and starts with it.</summary>
    public bool Contains(ReadOnlySpan<byte> address)
    {
        if (address.Length != Bytes.Length)
        {
            return false;
        }
        var whole = Bits / 8;
        if (!address[..whole].SequenceEqual(Bytes.AsSpan(0, whole)))
        {
            return false;
        }
        var rest = Bits % 8;
        var mask = (byte)(0xFF << (8 - rest));
        return rest == 0 || (address[whole] & mask) == (Bytes[whole] & mask);
    }
}
