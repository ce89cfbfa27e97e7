using Campaigns.Domain.Reports;

namespace Campaigns.Application.Reports;

/// <summary>
/// Engagement rolled up over a video's, an account's or a report group's pushes, each with its latest snapshot.
/// <c>engagementRate</c> is (likes + comments + shares) ÷ views and <c>conversionRate</c> orders ÷ clicks; both null
/// until there is something to divide by.
/// </summary>
public sealed record EngagementStatsView(
    int Pushes, int Published, long Views, long Likes, long Comments, long Shares, double? EngagementRate,
    long Clicks, long Orders, decimal Gmv, double? ConversionRate)
{
    public static EngagementStatsView From(EngagementTotals t) => new(
        t.Pushes, t.Published, t.Views, t.Likes, t.Comments, t.Shares, t.EngagementRate, t.Clicks, t.Orders, t.Gmv, t.ConversionRate);
}
