namespace Campaigns.Domain.Accounts;

/// <summary>
/// A daily window in the account's local time during which it never posts. The window may wrap midnight
/// (23:00–07:00); <c>From == To</c> is an empty window.
/// </summary>
public sealed record QuietHours(TimeOnly From, TimeOnly To)
{
    /// <summary>True when the local time falls inside the window (start inclusive, end exclusive).</summary>
    public bool Contains(TimeOnly localTime) =>
        From <= To
            ? localTime >= From && localTime < To
            : localTime >= From || localTime < To;
}
