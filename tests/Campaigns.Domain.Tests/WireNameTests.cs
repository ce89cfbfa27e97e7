using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;

namespace Campaigns.Domain.Tests;

public sealed class WireNameTests
{
    [Theory]
    [InlineData(Platform.Douyin, "douyin")]
    [InlineData(Platform.Kuaishou, "kuaishou")]
    [InlineData(Platform.Meipai, "meipai")]
    [InlineData(Platform.WechatChannels, "wechat-channels")]
    [InlineData(Platform.Xiaohongshu, "xiaohongshu")]
    [InlineData(Platform.Bilibili, "bilibili")]
    [InlineData(Platform.Tiktok, "tiktok")]
    [InlineData(Platform.YoutubeShorts, "youtube-shorts")]
    [InlineData(Platform.InstagramReels, "instagram-reels")]
    [InlineData(Platform.Sandbox, "sandbox")]
    public void Every_platform_has_a_kebab_case_word_that_parses_back(Platform platform, string word)
    {
        Assert.Equal(word, WireName<Platform>.Of(platform));
        Assert.True(WireName<Platform>.TryParse(word, out var parsed));
        Assert.Equal(platform, parsed);
        Assert.Equal(platform, WireName<Platform>.Parse(word));
    }

    [Fact]
    public void The_table_above_covers_every_platform()
    {
        // A platform added to the enum without a row above would otherwise go unchecked.
        var words = Enum.GetValues<Platform>().Select(WireName<Platform>.Of).ToHashSet();
        Assert.Equal(Enum.GetValues<Platform>().Length, words.Count);
        Assert.Equal(WireName<Platform>.All, Enum.GetValues<Platform>().Select(WireName<Platform>.Of));
    }

    [Theory]
    [InlineData(AccountKind.Grassroots, "grassroots")]
    [InlineData(AccountStatus.Suspended, "suspended")]
    [InlineData(ConnectorType.Webhook, "webhook")]
    [InlineData(ConnectorType.Tiktok, "tiktok")]
    [InlineData(ConnectorType.Youtube, "youtube")]
    [InlineData(ConnectorType.Instagram, "instagram")]
    [InlineData(ConnectorType.Douyin, "douyin")]
    [InlineData(ConnectorType.Kuaishou, "kuaishou")]
    public void Other_enums_use_the_same_words(object value, string word)
    {
        var wire = value switch
        {
            AccountKind kind => WireName<AccountKind>.Of(kind),
            AccountStatus status => WireName<AccountStatus>.Of(status),
            ConnectorType type => WireName<ConnectorType>.Of(type),
            _ => throw new ArgumentOutOfRangeException(nameof(value)),
        };
        Assert.Equal(word, wire);
    }

    [Theory]
    [InlineData("Douyin")]
    [InlineData("DOUYIN")]
    [InlineData("WechatChannels")]
    [InlineData("wechatchannels")]
    [InlineData("wechat_channels")]
    [InlineData("Wechat-Channels")]
    [InlineData(" douyin")]
    [InlineData("douyin ")]
    [InlineData("weibo")]
    [InlineData("")]
    [InlineData("0")]
    [InlineData(null)]
    public void Parsing_refuses_anything_but_the_exact_word(string? word)
    {
        Assert.False(WireName<Platform>.TryParse(word, out var value));
        Assert.Equal(default, value);
    }

    [Fact]
    public void Parse_names_the_accepted_words_when_it_refuses()
    {
        var error = Assert.Throws<FormatException>(() => WireName<Platform>.Parse("Douyin"));
        Assert.Contains("'Douyin'", error.Message);
        Assert.Contains("wechat-channels", error.Message);
    }
}
