using Campaigns.Connectors;
using Campaigns.Domain.Accounts;
using Campaigns.Domain.Common;
using Campaigns.Domain.Feedback;
using Campaigns.Storage.Sandbox;
using Microsoft.Extensions.Options;

namespace Campaigns.Sandbox;

/// <summary>
/// The simulated platform: posts kept in the <c>sandbox_posts</c> table (<see cref="SandboxStore"/>), so they survive
/// restarts and are shared by every silo on the database, and engagement computed from them by
/// <see cref="SandboxEngagement"/>.
/// </summary>
public sealed class SandboxPlatform(SandboxStore store, IOptionsMonitor<SandboxOptions> options, TimeProvider clock)
{
    /// <summary>The most posts <see cref="ListAsync"/> returns at once.</summary>
    public const int MaxListLimit = 1_000;

    /// <summary>The post published with <paramref name="idempotencyKey"/>, or null when there is none (yet).</summary>
    public async Task<SandboxPost?> GetAsync(string idempotencyKey, CancellationToken cancellationToken = default) =>
        await store.GetAsync(idempotencyKey, cancellationToken) is { } row ? ToPost(row) : null;

    /// <summary>An agency's posts (optionally one account's), oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<SandboxPost>> ListAsync(
        string agencyId, string? accountId = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxListLimit);
        return (await store.ListAsync(agencyId, accountId, limit, cancellationToken)).Select(ToPost).ToList();
    }

    /// <summary>The engagement of <paramref name="post"/> at <paramref name="at"/>, under the configured time scale.</summary>
    public EngagementSnapshot EngagementOf(SandboxPost post, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(post);
        return EngagementOf(post.PlatformPostId, post.Followers, post.PublishedAt, at);
    }

    /// <summary>The engagement at <paramref name="at"/> of the post <paramref name="platformPostId"/>, under the configured time scale.</summary>
    public EngagementSnapshot EngagementOf(string platformPostId, long followers, DateTimeOffset publishedAt, DateTimeOffset at) =>
        SandboxEngagement.At(platformPostId, followers, at - publishedAt, options.CurrentValue.TimeScale);

    /// <summary>The engagement of <paramref name="post"/> now.</summary>
    public EngagementSnapshot EngagementOf(SandboxPost post) => EngagementOf(post, clock.GetUtcNow());

    /// <summary>
    /// Records that a publish with the request's key arrived: makes its row on first sight, counts the attempt,
    /// and returns the attempt number and the post, if one was already created for the key.
    /// </summary>
    internal async Task<(long Attempt, SandboxPost? Existing)> ReceiveAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        var row = await store.ReceiveAsync(Received(request), cancellationToken);
        return (row.Attempts, row.Created > 0 ? ToPost(row) : null);
    }

    /// <summary>
    /// Creates the post of a received key unless one exists. Concurrent duplicates (from any silo) create one post
    /// between them; each gets that post back. Every call is counted in <c>creates</c> all the same, so a test can see
    /// that a second create was asked for.
    /// </summary>
    internal async Task<SandboxPost> CreateAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        ToPost(await store.CreateAsync(idempotencyKey, Ids.New("sbx", clock), clock.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken));

    /// <summary>
    /// Receives a publish and creates its post in one atomic statement, for when no failure is being injected (the
    /// common case): one durable write per publish instead of two.
    /// </summary>
    internal async Task<SandboxPost> ReceiveAndCreateAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        var received = Received(request);
        received.PlatformPostId = Ids.New("sbx", clock);
        received.PublishedAt = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return ToPost(await store.ReceiveAndCreateAsync(received, cancellationToken));
    }

    private static SandboxPostRow Received(PublishRequest request) => new()
    {
        IdempotencyKey = request.IdempotencyKey,
        AgencyId = request.AgencyId,
        AccountId = request.AccountId,
        PushId = request.PushId,
        VideoId = request.VideoId,
        Platform = WireName<Platform>.Of(request.Platform),
        Followers = request.Followers,
    };

    private static SandboxPost ToPost(SandboxPostRow row) => new(
        row.IdempotencyKey,
        row.PlatformPostId ?? throw new InvalidOperationException($"Sandbox key '{row.IdempotencyKey}' has no post yet."),
        row.AgencyId,
        row.AccountId,
        row.PushId,
        row.VideoId,
        WireName<Platform>.Parse(row.Platform),
        row.Followers,
        DateTimeOffset.FromUnixTimeMilliseconds(row.PublishedAt ?? 0),
        row.Attempts,
        row.Created,
        row.Creates);
}
