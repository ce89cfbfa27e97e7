using System.Net;
using Campaigns.Domain.Outbound;

namespace Campaigns.Domain.Tests;

public sealed class OutboundAddressesTests
{
    [Theory]
    // IPv4: each refused range at its edges, and the public addresses just outside them.
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("0.255.255.255", "unspecified")]
    [InlineData("1.0.0.0", null)]
    [InlineData("9.255.255.255", null)]
    [InlineData("10.0.0.0", "private")]
    [InlineData("10.255.255.255", "private")]
    [InlineData("11.0.0.0", null)]
    [InlineData("100.63.255.255", null)]
    [InlineData("100.64.0.0", "shared (carrier-grade NAT)")]
    [InlineData("100.127.255.255", "shared (carrier-grade NAT)")]
    [InlineData("100.128.0.0", null)]
    [InlineData("126.255.255.255", null)]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.255.254", "loopback")]
    [InlineData("128.0.0.0", null)]
    [InlineData("169.253.255.255", null)]
    [InlineData("169.254.169.254", "link-local")] // cloud metadata services live here
    [InlineData("169.255.0.0", null)]
    [InlineData("172.15.255.255", null)]
    [InlineData("172.16.0.0", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("172.32.0.0", null)]
    [InlineData("192.0.0.8", "reserved")]
    [InlineData("192.0.2.1", null)] // documentation range: not ours to reach, but not a way into our network either
    [InlineData("192.167.255.255", null)]
    [InlineData("192.168.0.0", "private")]
    [InlineData("192.168.255.255", "private")]
    [InlineData("192.169.0.0", null)]
    [InlineData("198.18.0.1", "reserved")]
    [InlineData("198.19.255.255", "reserved")]
    [InlineData("198.20.0.0", null)]
    [InlineData("223.255.255.255", null)]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.255", "multicast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("8.8.8.8", null)]
    [InlineData("203.0.113.7", null)]
    // IPv6.
    [InlineData("::", "unspecified")]
    [InlineData("::1", "loopback")]
    [InlineData("::2", "unspecified (IPv4-compatible)")]
    [InlineData("fc00::1", "private")]
    [InlineData("fdff:ffff::1", "private")]
    [InlineData("fe00::1", null)]
    [InlineData("fe80::1", "link-local")]
    [InlineData("febf:ffff::1", "link-local")]
    [InlineData("fec0::1", "private")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("100::1", "reserved")]
    [InlineData("64:ff9b:1::a00:1", "private")]
    [InlineData("2001:4860:4860::8888", null)]
    [InlineData("2606:4700::1111", null)]
    // IPv6 forms that carry an IPv4 address: refused when what they carry is.
    [InlineData("::ffff:127.0.0.1", "loopback (IPv4-mapped)")]
    [InlineData("::ffff:10.1.2.3", "private (IPv4-mapped)")]
    [InlineData("::ffff:169.254.169.254", "link-local (IPv4-mapped)")]
    [InlineData("::ffff:100.64.0.1", "shared (carrier-grade NAT) (IPv4-mapped)")]
    [InlineData("::ffff:0.0.0.0", "unspecified (IPv4-mapped)")]
    [InlineData("::ffff:8.8.8.8", null)]
    [InlineData("::ffff:0:192.168.1.1", "private (IPv4-translated)")]
    [InlineData("::127.0.0.1", "loopback (IPv4-compatible)")]
    [InlineData("::8.8.8.8", null)]
    [InlineData("64:ff9b::7f00:1", "loopback (NAT64)")]
    [InlineData("64:ff9b::a9fe:a9fe", "link-local (NAT64)")]
    [InlineData("64:ff9b::808:808", null)]
    [InlineData("2002:c0a8:101::1", "private (6to4)")]
    [InlineData("2002:7f00:1::", "loopback (6to4)")]
    [InlineData("2002:808:808::1", null)]
    public void Each_reserved_range_is_refused_by_kind_and_public_addresses_are_allowed(string address, string? kind)
    {
        Assert.Equal(kind, OutboundAddresses.Refusal(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("localhost", "loopback")]
    [InlineData("LOCALHOST.", "loopback")]
    [InlineData("api.localhost", "loopback")]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.0.0.1.", "loopback")]
    [InlineData("[::1]", "loopback")]
    [InlineData("[::ffff:127.0.0.1]", "loopback (IPv4-mapped)")]
    [InlineData("fe80::1%25eth0", "link-local")]
    [InlineData("10.0.0.5", "private")]
    [InlineData("publisher.example.com", null)] // names are judged by what they resolve to, when called
    [InlineData("localhost.example.com", null)]
    [InlineData("10.0.0.5.nip.io", null)]
    [InlineData("8.8.8.8", null)]
    [InlineData("[2001:4860:4860::8888]", null)]
    public void A_host_is_refused_before_any_lookup_only_when_it_is_a_refused_literal_or_localhost(string host, string? kind)
    {
        Assert.Equal(kind, OutboundAddresses.HostRefusal(host));
    }
}
