using Campaigns.Domain.Common;

namespace Campaigns.Domain.Tests;

public sealed class TimeZonesTests
{
    [Theory]
    [InlineData("Asia/Shanghai", true)]
    [InlineData("Asia/Tokyo", true)]
    [InlineData("Europe/Berlin", true)]
    [InlineData("America/New_York", true)]
    [InlineData("UTC", true)]
    [InlineData("Asia/Atlantis", false)]
    [InlineData("asia/shanghai_", false)]
    [InlineData("China Standard Time", false)] // a Windows id, not IANA
    [InlineData("+08:00", false)]
    [InlineData("", false)]
    [InlineData("   ", false)]
    [InlineData(null, false)]
    public void Only_known_IANA_ids_are_accepted(string? id, bool expected)
    {
        Assert.Equal(expected, TimeZones.IsKnownIana(id));
    }
}
