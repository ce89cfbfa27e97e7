namespace Campaigns.Domain.Campaigns;

/// <summary>
/// Local wall-clock arithmetic in an account's IANA time zone that stays correct across daylight-saving changes:
/// a local time that does not exist (the spring-forward gap) moves to the first instant after the gap; a local time
/// that happens twice (the autumn fall-back) means its first occurrence.
/// </summary>
public static class LocalClock
{
    /// <summary>The account's local wall-clock time at an instant.</summary>
    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    /// <summary>The instant a local wall-clock time denotes, as described above.</summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Walk to the end of the gap; gaps are whole minutes and at most a few hours long.
            var probe = local;
            while (zone.IsInvalidTime(probe))
            {
                probe = probe.AddMinutes(1);
            }
            local = new DateTime(probe.Year, probe.Month, probe.Day, probe.Hour, probe.Minute, 0, DateTimeKind.Unspecified);
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
