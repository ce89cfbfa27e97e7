using Campaigns.Domain.Accounts;

namespace Campaigns.Domain.Tests;

public sealed class ConnectorPairingTests
{
    public static TheoryData<ConnectorType, Platform> OnlyPairs => new()
    {
        { ConnectorType.Tiktok, Platform.Tiktok },
        { ConnectorType.Youtube, Platform.YoutubeShorts },
        { ConnectorType.Instagram, Platform.InstagramReels },
        { ConnectorType.Douyin, Platform.Douyin },
        { ConnectorType.Kuaishou, Platform.Kuaishou },
    };

    [Theory]
    [MemberData(nameof(OnlyPairs))]
    public void A_platform_connector_fits_its_own_platform_and_no_other(ConnectorType type, Platform own)
    {
        Assert.True(ConnectorPairing.IsPlatformConnector(type));
        Assert.Equal(own, ConnectorPairing.PlatformFor(type));
        foreach (var platform in Enum.GetValues<Platform>())
        {
            Assert.Equal(platform == own, ConnectorPairing.Fits(type, platform));
        }
    }

    [Theory]
    [InlineData(ConnectorType.Sandbox)]
    [InlineData(ConnectorType.Webhook)]
    public void The_sandbox_and_the_webhook_fit_every_platform(ConnectorType type)
    {
        Assert.False(ConnectorPairing.IsPlatformConnector(type));
        Assert.Null(ConnectorPairing.PlatformFor(type));
        Assert.All(Enum.GetValues<Platform>(), platform => Assert.True(ConnectorPairing.Fits(type, platform)));
    }

    [Fact]
    public void Every_connector_type_is_in_one_of_the_tables_above()
    {
        // A connector added to the enum without a row here would otherwise go unchecked.
        var covered = OnlyPairs.Select(row => (ConnectorType)row[0]).Concat([ConnectorType.Sandbox, ConnectorType.Webhook]);
        Assert.Equal(Enum.GetValues<ConnectorType>().Order(), covered.Order());
    }
}
