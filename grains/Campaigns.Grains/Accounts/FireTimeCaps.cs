
using Campaigns.Domain.Campaigns;
using Campaigns.Grains.Abstractions.Accounts;
namespace Campaigns.Grains.Accounts;

/// <summary>
/// The caps, checked again when a push fires: caps may have changed since the plan was made, and other campaigns
/// may have posted for the account meanwhile. Instants compared are scheduled instants, so firing a few
/// milliseconds late never makes two planned-apart posts look too close.
/// </summary>
public static class FireTimeCaps
{
    /// <summary>Why the account may not post a push scheduled at <paramref name="scheduledAt"/>, or null when it may.</summary>
    public static string? Refusal(AccountSnapshot account, DateTimeOffset scheduledAt, IReadOnlyList<DateTimeOffset> recent)
    {
        var caps = account.Caps.ToDomain();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(account.TimeZone);
        if (caps.QuietHours is { } quiet && quiet.Contains(TimeOnly.FromDateTime(LocalClock.ToLocal(scheduledAt, zone))))
        {
            return $"The account's quiet hours ({quiet.From:HH\\:mm}–{quiet.To:HH\\:mm} local) cover this instant.";
        }
        var gap = TimeSpan.FromMinutes(caps.MinGapMinutes);
        if (recent.Any(r => r != scheduledAt && (r - scheduledAt).Duration() < gap))
        {
            return $"Another post of this account is less than {caps.MinGapMinutes} minutes away.";
        }
        var day = DateOnly.FromDateTime(LocalClock.ToLocal(scheduledAt, zone));
        if (recent.Count(r => DateOnly.FromDateTime(LocalClock.ToLocal(r, zone)) == day) >= caps.MaxPostsPerDay)
        {
            return $"The account has already posted {caps.MaxPostsPerDay} times on {day:yyyy-MM-dd} (local).";
        }
        return null;
    }
}
