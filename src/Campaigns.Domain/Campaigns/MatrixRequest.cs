namespace Campaigns.Domain.Campaigns;

/// <summary>
/// A matrix cross-posting: the accounts in order, the videos, the first instant, the stagger between consecutive
/// accounts, and how many distinct videos each account posts.
/// </summary>
public sealed record MatrixRequest(
    IReadOnlyList<PlanningAccount> Accounts,
    IReadOnlyList<PlanningVideo> Videos,
    DateTimeOffset StartAt,
    TimeSpan Stagger,
    int PostsPerAccount = 1,
    int Wave = 0);
