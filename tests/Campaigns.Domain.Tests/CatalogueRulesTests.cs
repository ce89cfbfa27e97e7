using Campaigns.Domain.Accounts;
using Campaigns.Domain.Products;
using Campaigns.Domain.Videos;

namespace Campaigns.Domain.Tests;

public sealed class CatalogueRulesTests
{
    [Theory]
    [InlineData("CNY", true)]
    [InlineData("USD", true)]
    [InlineData("JPY", true)]
    [InlineData("EUR", true)]
    [InlineData("cny", false)]
    [InlineData("XYZ", false)]
    [InlineData("RMB", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Currencies_are_upper_case_iso_4217_codes(string? code, bool known) =>
        Assert.Equal(known, Currencies.IsKnown(code));

    [Theory]
    [InlineData("0", true)]
    [InlineData("199.00", true)]
    [InlineData("0.0001", true)]
    [InlineData("10000000", true)]
    [InlineData("10000000.01", false)]
    [InlineData("-0.01", false)]
    [InlineData("1.00001", false)]
    public void Prices_are_non_negative_bounded_and_in_minor_units(string amount, bool plausible) =>
        Assert.Equal(plausible, Prices.IsPlausible(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Every_platform_has_limits_with_a_source()
    {
        foreach (var platform in Enum.GetValues<Platform>())
        {
            var limit = PlatformLimits.For(platform);
            Assert.True(limit.MaxCaptionLength > 0 && limit.MaxHashtags > 0 && limit.MaxDurationSeconds >= limit.MinDurationSeconds, platform.ToString());
            Assert.False(string.IsNullOrWhiteSpace(limit.Source));
        }
    }

    [Theory]
    [InlineData(Platform.YoutubeShorts, 100, 3, 180, new string[0])]
    [InlineData(Platform.YoutubeShorts, 100, 3, 181, new[] { "durationSeconds" })]
    [InlineData(Platform.InstagramReels, 2200, 30, 60, new string[0])]
    [InlineData(Platform.InstagramReels, 2201, 31, 60, new[] { "caption", "hashtags" })]
    [InlineData(Platform.Xiaohongshu, 10, 11, 901, new[] { "hashtags", "durationSeconds" })]
    [InlineData(Platform.Douyin, 1000, 10, 3600, new string[0])]
    public void A_check_names_each_field_the_platform_would_reject(Platform platform, int captionLength, int hashtags, int duration, string[] fields)
    {
        var violations = PlatformLimits.Check(platform, new string('x', captionLength), hashtags, duration);

        Assert.Equal(fields, violations.Select(v => v.Field));
    }
}
