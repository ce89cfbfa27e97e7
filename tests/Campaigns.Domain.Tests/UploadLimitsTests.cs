using Campaigns.Domain.Accounts;
using Campaigns.Domain.Videos;

namespace Campaigns.Domain.Tests;

public sealed class UploadLimitsTests
{
    private const long MiB = 1024 * 1024;

    [Theory]
    [InlineData(Platform.Tiktok, 100 * MiB, 60, null)]
    [InlineData(Platform.Tiktok, 100 * MiB, 601, "durationSeconds")]
    [InlineData(Platform.Tiktok, 4L * 1024 * MiB + 1, 60, "mediaUrl")]
    [InlineData(Platform.YoutubeShorts, 100 * MiB, 180, null)]
    [InlineData(Platform.YoutubeShorts, 100 * MiB, 181, "durationSeconds")]
    [InlineData(Platform.InstagramReels, 300 * MiB, 90, null)]
    [InlineData(Platform.InstagramReels, 300 * MiB + 1, 90, "mediaUrl")]
    [InlineData(Platform.Douyin, 1024 * MiB, 3600, null)]
    [InlineData(Platform.Kuaishou, 10 * MiB, 1801, "durationSeconds")]
    [InlineData(Platform.Kuaishou, 10 * MiB, 0, "durationSeconds")]
    [InlineData(Platform.Douyin, 0L, 30, "mediaUrl")]
    public void A_video_is_checked_for_duration_then_size(Platform platform, long size, int duration, string? field)
    {
        Assert.Equal(field, UploadLimits.Check(platform, size, duration)?.Field);
    }

    [Fact]
    public void Unknown_size_and_duration_pass_until_they_are_known()
    {
        Assert.Null(UploadLimits.Check(Platform.Tiktok, null, null));
    }

    [Theory]
    [InlineData(Platform.Meipai)]
    [InlineData(Platform.Xiaohongshu)]
    [InlineData(Platform.Sandbox)]
    public void Platforms_without_a_publishing_api_have_no_size_limit_here(Platform platform)
    {
        Assert.Null(UploadLimits.MaxBytesFor(platform));
        Assert.Null(UploadLimits.Check(platform, long.MaxValue, null));
    }
}
