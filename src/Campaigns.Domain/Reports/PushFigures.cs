namespace Campaigns.Domain.Reports;

/// <summary>One push of a campaign as a report sees it: where it belongs, its status, and its latest engagement.</summary>
/// <param name="Status">Its status as the API names it (<c>scheduled</c>, <c>published</c>, …).</param>
/// <param name="Published">True when it is published.</param>
/// <param name="Wave">Its wave (0 for a matrix campaign and for a tie-in's celebrities).</param>
/// <param name="Platform">The platform it posts on, as the API names it.</param>
/// <param name="AccountId">The account that posts it.</param>
/// <param name="VideoId">The video it posts.</param>
/// <param name="Views">Views in its latest snapshot (0 before any).</param>
/// <param name="Likes">Likes in its latest snapshot.</param>
/// <param name="Comments">Comments in its latest snapshot.</param>
/// <param name="Shares">Shares in its latest snapshot.</param>
/// <param name="Clicks">Clicks in its latest snapshot.</param>
/// <param name="Orders">Orders in its latest snapshot.</param>
/// <param name="Gmv">GMV in its latest snapshot.</param>
public sealed record PushFigures(
    string Status, bool Published, int Wave, string Platform, string AccountId, string VideoId,
    long Views, long Likes, long Comments, long Shares, long Clicks, long Orders, decimal Gmv)
{
    /// <summary>This push as totals of a set of one.</summary>
    public EngagementTotals Totals => new(1, Published ? 1 : 0, Views, Likes, Comments, Shares, Clicks, Orders, Gmv);
}
