namespace Campaigns.Domain.Feedback;

/// <summary>Cumulative engagement of one post at one instant.</summary>
/// <param name="Views">Times the post was watched.</param>
/// <param name="Likes">Likes received.</param>
/// <param name="Comments">Comments received.</param>
/// <param name="Shares">Times the post was shared.</param>
/// <param name="Clicks">Clicks through to a product.</param>
/// <param name="Orders">Orders placed after a click.</param>
/// <param name="Gmv">Gross merchandise value of those orders.</param>
public sealed record EngagementSnapshot(long Views, long Likes, long Comments, long Shares, long Clicks, long Orders, decimal Gmv)
{
    /// <summary>No engagement at all.</summary>
    public static EngagementSnapshot Zero { get; } = new(0, 0, 0, 0, 0, 0, 0m);
}
