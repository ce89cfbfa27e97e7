using Campaigns.Domain.Accounts;

namespace Campaigns.Domain.Tests;

public sealed class QuietHoursTests
{
    [Theory]
    // Plain window 13:00–15:00: start inclusive, end exclusive.
    [InlineData("13:00", "15:00", "12:59", false)]
    [InlineData("13:00", "15:00", "13:00", true)]
    [InlineData("13:00", "15:00", "14:00", true)]
    [InlineData("13:00", "15:00", "14:59:59.999", true)]
    [InlineData("13:00", "15:00", "15:00", false)]
    [InlineData("13:00", "15:00", "00:00", false)]
    // Window wrapping midnight 23:00–07:00.
    [InlineData("23:00", "07:00", "22:59", false)]
    [InlineData("23:00", "07:00", "23:00", true)]
    [InlineData("23:00", "07:00", "23:59:59", true)]
    [InlineData("23:00", "07:00", "00:00", true)]
    [InlineData("23:00", "07:00", "03:30", true)]
    [InlineData("23:00", "07:00", "06:59", true)]
    [InlineData("23:00", "07:00", "07:00", false)]
    [InlineData("23:00", "07:00", "12:00", false)]
    // A window ending at midnight covers the evening up to, not including, 00:00.
    [InlineData("22:00", "00:00", "23:59", true)]
    [InlineData("22:00", "00:00", "00:00", false)]
    // A window starting at midnight.
    [InlineData("00:00", "06:00", "00:00", true)]
    [InlineData("00:00", "06:00", "06:00", false)]
    // From == To is empty: no time at all, not the whole day.
    [InlineData("09:00", "09:00", "09:00", false)]
    [InlineData("09:00", "09:00", "08:59", false)]
    [InlineData("09:00", "09:00", "21:00", false)]
    [InlineData("00:00", "00:00", "00:00", false)]
    public void Contains_follows_the_window(string from, string to, string localTime, bool expected)
    {
        var window = new QuietHours(TimeOnly.Parse(from), TimeOnly.Parse(to));

        Assert.Equal(expected, window.Contains(TimeOnly.Parse(localTime)));
    }
}
