namespace Campaigns.Domain.Common;

/// <summary>IANA time-zone look-ups. Accounts and campaigns carry IANA ids such as "Asia/Shanghai".</summary>
public static class TimeZones
{
    /// <summary>True when the id names a time zone this machine knows, in IANA form.</summary>
    public static bool IsKnownIana(string? id) =>
        !string.IsNullOrWhiteSpace(id)
        && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
        && zone.HasIanaId;
}
