namespace Campaigns.Domain.Reports;

/// <summary>
/// Engagement summed over a set of pushes: each push counts with its latest cumulative snapshot. The two rates are
/// null when there is nothing to divide by, so "no views yet" never reads as "0 % engagement".
/// </summary>
/// <param name="Pushes">Pushes in the set, whatever their status.</param>
/// <param name="Published">Of those, the published ones (only they have engagement).</param>
/// <param name="Views">Times the posts were watched.</param>
/// <param name="Likes">Likes received.</param>
/// <param name="Comments">Comments received.</param>
/// <param name="Shares">Times the posts were shared.</param>
/// <param name="Clicks">Clicks through to a product.</param>
/// <param name="Orders">Orders placed after a click.</param>
/// <param name="Gmv">Gross merchandise value of those orders.</param>
public sealed record EngagementTotals(
    int Pushes, int Published, long Views, long Likes, long Comments, long Shares, long Clicks, long Orders, decimal Gmv)
{
    /// <summary>No pushes at all.</summary>
    public static EngagementTotals Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0m);

    /// <summary>Likes, comments and shares: what a viewer did beyond watching.</summary>
    public long Engagements => Add(Add(Likes, Comments), Shares);

    /// <summary>Engagements per view; null until there is a view.</summary>
    public double? EngagementRate => Views == 0 ? null : (double)Engagements / Views;

    /// <summary>Orders per click; null until there is a click.</summary>
    public double? ConversionRate => Clicks == 0 ? null : (double)Orders / Clicks;

    /// <summary>The totals of both sets together.</summary>
    public EngagementTotals Plus(EngagementTotals other) => new(
        Pushes + other.Pushes, Published + other.Published, Add(Views, other.Views), Add(Likes, other.Likes),
        Add(Comments, other.Comments), Add(Shares, other.Shares), Add(Clicks, other.Clicks), Add(Orders, other.Orders), Gmv + other.Gmv);

    /// <summary>
    /// A sum of counters that stops at <see cref="long.MaxValue"/> instead of wrapping round to a negative number.
    /// Counters are at most 10^12 a push, so only millions of pushes at the maximum could get there.
    /// </summary>
    public static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
