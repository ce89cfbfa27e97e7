using System.Net;
using Campaigns.Host.Cluster;

namespace Campaigns.Host.Tests;

/// <summary>Which address a silo advertises to the others, decided from made-up interface lists.</summary>
public sealed class AdvertisedAddressTests
{
    private static readonly NetworkInterfaceView Loopback = new("lo", IsUp: true, IsLoopback: true, [IPAddress.Loopback, IPAddress.IPv6Loopback]);

    private static NetworkInterfaceView Nic(string name, bool up, params string[] addresses) =>
        new(name, up, IsLoopback: false, addresses.Select(IPAddress.Parse).ToList());

    public static TheoryData<string, NetworkInterfaceView[], string, AdvertisedAddressSource, string?> Cases => new()
    {
        { "container: loopback then eth0", [Loopback, Nic("eth0", true, "172.18.0.3")], "172.18.0.3", AdvertisedAddressSource.Interface, "eth0" },
        { "first up interface wins, in the OS's order", [Loopback, Nic("eth0", true, "10.0.0.5"), Nic("eth1", true, "192.168.1.9")], "10.0.0.5", AdvertisedAddressSource.Interface, "eth0" },
        { "a down interface is passed over", [Nic("eth0", false, "10.0.0.5"), Nic("eth1", true, "192.168.1.9")], "192.168.1.9", AdvertisedAddressSource.Interface, "eth1" },
        { "IPv6 only interfaces are passed over", [Nic("eth0", true, "fd00::5", "fe80::1"), Nic("eth1", true, "fe80::2", "10.1.2.3")], "10.1.2.3", AdvertisedAddressSource.Interface, "eth1" },
        { "link-local IPv4 is not a cluster address", [Nic("eth0", true, "169.254.10.1"), Nic("wlan0", true, "192.168.0.20")], "192.168.0.20", AdvertisedAddressSource.Interface, "wlan0" },
        { "a loopback address on a non-loopback interface is passed over", [Nic("dummy0", true, "127.0.0.2"), Nic("eth0", true, "10.9.8.7")], "10.9.8.7", AdvertisedAddressSource.Interface, "eth0" },
        { "nothing but loopback: loopback", [Loopback], "127.0.0.1", AdvertisedAddressSource.LoopbackFallback, null },
        { "only down interfaces: loopback", [Loopback, Nic("eth0", false, "10.0.0.5")], "127.0.0.1", AdvertisedAddressSource.LoopbackFallback, null },
        { "no interfaces at all: loopback", [], "127.0.0.1", AdvertisedAddressSource.LoopbackFallback, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Without_a_configured_address_the_first_up_non_loopback_IPv4_is_advertised(
        string situation, NetworkInterfaceView[] interfaces, string expected, AdvertisedAddressSource source, string? interfaceName)
    {
        var choice = AdvertisedAddress.Choose(null, interfaces);

        Assert.True(IPAddress.Parse(expected).Equals(choice.Address), $"{situation}: got {choice.Address}");
        Assert.Equal(source, choice.Source);
        Assert.Equal(interfaceName, choice.InterfaceName);
    }

    [Theory]
    [InlineData("10.20.30.40")]
    [InlineData(" 127.0.0.1 ")]
    [InlineData("fd00::7")]
    public void A_configured_address_wins_over_every_interface(string configured)
    {
        var choice = AdvertisedAddress.Choose(configured, [Loopback, Nic("eth0", true, "172.18.0.3")]);

        Assert.Equal(IPAddress.Parse(configured.Trim()), choice.Address);
        Assert.Equal(AdvertisedAddressSource.Configured, choice.Source);
    }

    [Theory]
    [InlineData("silo-1.internal", "not an IP address")]
    [InlineData("0.0.0.0", "wildcard")]
    [InlineData("::", "wildcard")]
    public void A_configured_address_that_is_no_single_address_is_refused_naming_the_setting(string configured, string reason)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => AdvertisedAddress.Choose(configured, [Nic("eth0", true, "172.18.0.3")]));

        Assert.Contains("Campaigns:Cluster:AdvertisedIP", refused.Message);
        Assert.Contains(reason, refused.Message);
    }

    [Fact]
    public void An_empty_setting_counts_as_unset()
    {
        Assert.Equal(AdvertisedAddressSource.Interface, AdvertisedAddress.Choose("  ", [Nic("eth0", true, "172.18.0.3")]).Source);
    }
}
