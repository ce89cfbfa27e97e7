using Campaigns.Domain.Common;

namespace Campaigns.Domain.Feedback;

/// <summary>
/// The engagement the sandbox platform reports for a post: a pure function of the post id, the account's
/// followers and the time since publishing, so a demo or a test sees the same numbers on every run.
/// Views approach the post's reach as <c>reach × (1 − e^(−t/τ))</c>; every other figure is a fixed rate of
/// views (or of clicks, for orders). Each post draws its reach, τ, rates and price from a stable hash of its id.
/// </summary>
public static class SandboxEngagement
{
    /// <summary>Followers-equivalent audience every post reaches, so an account with no followers still gets views.</summary>
    public const long OrganicAudience = 1_000;

    private static readonly Range ReachShare = new(0.05, 0.50);
    private static readonly Range RiseHours = new(4.0, 8.0);
    private static readonly Range LikeRate = new(0.02, 0.10);
    private static readonly Range CommentRate = new(0.002, 0.01);
    private static readonly Range ShareRate = new(0.001, 0.008);
    private static readonly Range ClickRate = new(0.005, 0.03);
    private static readonly Range OrderRate = new(0.02, 0.10);
    private static readonly Range Price = new(19.0, 299.0);

    /// <summary>The cumulative engagement of a post <paramref name="sincePublished"/> after it went live.</summary>
    /// <param name="platformPostId">The sandbox's id for the post; it seeds every per-post parameter.</param>
    /// <param name="followers">The account's followers when it published.</param>
    /// <param name="sincePublished">Real time since publishing; negative counts as zero.</param>
    /// <param name="timeScale">Simulated time per real time: 3600 turns a second into an hour.</param>
    public static EngagementSnapshot At(string platformPostId, long followers, TimeSpan sincePublished, double timeScale)
    {
        ArgumentException.ThrowIfNullOrEmpty(platformPostId);
        ArgumentOutOfRangeException.ThrowIfNegative(followers);
        if (!(timeScale > 0) || double.IsInfinity(timeScale))
        {
            throw new ArgumentOutOfRangeException(nameof(timeScale), timeScale, "The time scale must be a positive number.");
        }

        var hours = Math.Max(0, sincePublished.TotalHours) * timeScale;
        var reach = (followers + OrganicAudience) * Draw(platformPostId, "reach", ReachShare);
        var tau = Draw(platformPostId, "tau", RiseHours);
        var views = (long)Math.Floor(reach * -double.ExpM1(-hours / tau));

        // Each figure is floor(non-decreasing × constant), so every figure is non-decreasing in time too.
        var clicks = Rate(views, platformPostId, "clicks", ClickRate);
        var orders = Rate(clicks, platformPostId, "orders", OrderRate);
        var price = Math.Round((decimal)Draw(platformPostId, "price", Price), 2);
        return new EngagementSnapshot(
            views,
            Rate(views, platformPostId, "likes", LikeRate),
            Rate(views, platformPostId, "comments", CommentRate),
            Rate(views, platformPostId, "shares", ShareRate),
            clicks,
            orders,
            orders * price);
    }

    private static long Rate(long basis, string postId, string salt, Range rate) =>
        (long)Math.Floor(basis * Draw(postId, salt, rate));

    private static double Draw(string postId, string salt, Range range) =>
        range.Low + (range.High - range.Low) * StableHash.Unit(postId + "/" + salt);

    private readonly record struct Range(double Low, double High);
}
