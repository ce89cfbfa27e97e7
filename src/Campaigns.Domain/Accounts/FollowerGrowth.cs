namespace Campaigns.Domain.Accounts;

/// <summary>
/// Follower growth over a window: the last snapshot in it minus the first. <see cref="Relative"/> is that change as
/// a fraction of the first count, and null when it cannot mean anything (fewer than two snapshots, or a first
/// count of zero). <see cref="From"/> and <see cref="To"/> are the instants of the two snapshots compared.
/// </summary>
public sealed record FollowerGrowth(DateTimeOffset? From, DateTimeOffset? To, long Absolute, double? Relative)
{
    /// <summary>No snapshots in the window: no growth to speak of.</summary>
    public static FollowerGrowth None { get; } = new(null, null, 0, null);

    /// <summary>The growth between the first and the last snapshot of a window (null when it has none).</summary>
    public static FollowerGrowth Between(FollowerPoint? first, FollowerPoint? last)
    {
        if (first is null || last is null)
        {
            return None;
        }
        var absolute = last.Count - first.Count;
        var comparable = last.At > first.At && first.Count != 0;
        return new FollowerGrowth(first.At, last.At, absolute, comparable ? (double)absolute / first.Count : null);
    }
}
