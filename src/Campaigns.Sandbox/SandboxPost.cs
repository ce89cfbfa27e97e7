using Campaigns.Domain.Accounts;

namespace Campaigns.Sandbox;

/// <summary>A post on the sandbox platform.</summary>
/// <param name="IdempotencyKey">The key of the publish that created it.</param>
/// <param name="PlatformPostId">The sandbox's id for the post.</param>
/// <param name="AgencyId">The agency that owns the account.</param>
/// <param name="AccountId">The account that posted.</param>
/// <param name="PushId">The push it published.</param>
/// <param name="VideoId">The video posted.</param>
/// <param name="Platform">The platform the account is on.</param>
/// <param name="Followers">The account's followers when it published; engagement scales with them.</param>
/// <param name="PublishedAt">When the post went live.</param>
/// <param name="Attempts">How many publishes with the key the sandbox received, failed ones included.</param>
/// <param name="Created">How many posts exist for the key: always 1, the sandbox de-duplicates by key.</param>
/// <param name="Creates">
/// How many calls reached the create step for the key, de-duplicated or not. A platform without idempotency keys
/// would have made that many posts: exactly once means 1.
/// </param>
public sealed record SandboxPost(
    string IdempotencyKey,
    string PlatformPostId,
    string AgencyId,
    string AccountId,
    string PushId,
    string VideoId,
    Platform Platform,
    long Followers,
    DateTimeOffset PublishedAt,
    long Attempts,
    long Created,
    long Creates);
