using Campaigns.Domain.Accounts;

namespace Campaigns.Domain.Campaigns;

/// <summary>
/// One account's posting calendar: the instants already taken, and the earliest instant at or after a wish that
/// honours the account's caps — outside quiet hours, at least the minimum gap from every other post, and under the
/// daily maximum of its local calendar day.
/// </summary>
public sealed class CapsCalendar(PlanningAccount account, TimeZoneInfo zone)
{
    /// <summary>How far ahead the calendar looks before giving up.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(60);

    private readonly List<DateTimeOffset> _taken = [];

    public PlanningAccount Account => account;

    /// <summary>Records a post the account already has (from earlier plans or waves).</summary>
    public void Take(DateTimeOffset instant) => _taken.Add(instant);

    /// <summary>The earliest allowed instant at or after <paramref name="wish"/>, or null within <see cref="Horizon"/> there is none.</summary>
    public DateTimeOffset? Earliest(DateTimeOffset wish)
    {
        var caps = account.Caps;
        var gap = TimeSpan.FromMinutes(caps.MinGapMinutes);
        var candidate = wish;
        while (candidate - wish <= Horizon)
        {
            var local = LocalClock.ToLocal(candidate, zone);
            if (caps.QuietHours is { } quiet && quiet.Contains(TimeOnly.FromDateTime(local)))
            {
                candidate = EndOfQuiet(local, quiet);
                continue;
            }
            var clash = _taken.Where(t => (t - candidate).Duration() < gap).DefaultIfEmpty().Max();
            if (clash != default)
            {
                candidate = clash + gap;
                continue;
            }
            var day = DateOnly.FromDateTime(local);
            if (_taken.Count(t => DateOnly.FromDateTime(LocalClock.ToLocal(t, zone)) == day) >= caps.MaxPostsPerDay)
            {
                candidate = LocalClock.ToInstant(day.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
                continue;
            }
            return candidate;
        }
        return null;
    }

    private DateTimeOffset EndOfQuiet(DateTime local, QuietHours quiet)
    {
        var date = DateOnly.FromDateTime(local);
        // In a window wrapping midnight, a late-evening time ends tomorrow morning.
        if (quiet.From > quiet.To && TimeOnly.FromDateTime(local) >= quiet.From)
        {
            date = date.AddDays(1);
        }
        return LocalClock.ToInstant(date.ToDateTime(quiet.To), zone);
    }
}
