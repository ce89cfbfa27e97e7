using Orleans.Concurrency;

namespace Campaigns.Grains.Abstractions.Accounts;

/// <summary>
/// What the platform poller asks of an account on a real platform's connector, keyed <c>{agencyId}/{accountId}</c> like
/// <see cref="IAccountGrain"/> (the same grain). The account makes the calls itself, so its token never leaves it.
/// Both interleave with a running publish: a poll must not wait for an upload.
/// </summary>
public interface IAccountPolling : IGrainWithStringKey
{
    /// <summary>
    /// Cumulative engagement of the account's posts, asked in batches of the connector's <c>MetricsBatchSize</c>; stops
    /// at the first batch the platform or the credential refuses and says which ids were not asked.
    /// </summary>
    [AlwaysInterleave, ResponseTimeout("00:05:00")]
    Task<MetricsPoll> PollMetrics(IReadOnlyList<string> postIds);

    /// <summary>Asks the platform for the account's follower count and records it in the follower history.</summary>
    [AlwaysInterleave, ResponseTimeout("00:02:00")]
    Task<FollowersPoll> PollFollowers();
}
